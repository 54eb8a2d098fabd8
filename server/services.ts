import type { SyncTokens } from './auth/tokens';
import type { Config } from './env';
import type { Logger } from './log';
import type { Notifier } from './notify/notifier';
import type { Store } from './store/types';
import type { SyncServer } from './sync/server';

/** What commands work with, made once per process at start-up. The commands themselves are not in it. */
export interface Services {
  config: Config;
  store: Store;
  tokens: SyncTokens;
  sync: SyncServer;
  log: Logger;
  notifier: Notifier;
}
