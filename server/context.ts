import type { Commands } from './commands';
import type { Services } from './services';

/** Everything a request needs, made once per process at start-up: the services and the commands bound to them. */
export interface Concord extends Services {
  commands: Commands;
}

const KEY = Symbol.for('concord.context');
type Holder = { [KEY]?: Concord };

/**
 * The running process's context. Route handlers are bundled by Next apart from the custom
 * server, so the one instance is handed over through `globalThis`, not through module state.
 */
export function concord(): Concord {
  const context = (globalThis as Holder)[KEY];
  if (!context) throw new Error('Concord is not started: run the app with `npm start`');
  return context;
}

/** Makes `context` the process's context (called by the server at start-up and by tests). */
export function provideConcord(context: Concord): void {
  (globalThis as Holder)[KEY] = context;
}
