import { hostname } from 'node:os';

/** How much to log: each level includes the ones after it. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Structured logger passed into every part of the server. An event is a dotted name
 * (`sync.refused`, `http.failed`); fields carry the ids it concerns (`sheetId`, `userId`,
 * `requestId`) and never free text to parse.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** This process's name in logs and metrics: several nodes may run behind one load balancer. */
export function defaultNodeId(): string {
  return `${hostname()}-${process.pid}`;
}

/**
 * One JSON object per line on stdout: `time`, `level`, `node`, `event`, then the event's fields.
 * Lines under `level` are dropped before they are formatted.
 */
export function createJsonLogger(options: { level?: LogLevel; node?: string; write?: (line: string) => void } = {}): Logger {
  const min = LOG_LEVELS.indexOf(options.level ?? 'info');
  const node = options.node ?? defaultNodeId();
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const at = (level: LogLevel) => {
    if (LOG_LEVELS.indexOf(level) < min) return () => {};
    return (event: string, fields?: Record<string, unknown>) => write(JSON.stringify({ time: new Date().toISOString(), level, node, event, ...fields }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Logs nothing: for tests and benchmarks that read their own output. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
