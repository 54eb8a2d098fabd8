/** Structured logger passed into every part of the server; one JSON line per event by default. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

function line(level: string, event: string, fields?: Record<string, unknown>): string {
  return JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
}

/** Logs JSON lines to stdout and stderr. */
export const jsonLogger: Logger = {
  info: (event, fields) => console.log(line('info', event, fields)),
  warn: (event, fields) => console.warn(line('warn', event, fields)),
  error: (event, fields) => console.error(line('error', event, fields)),
};

/** Logs nothing: for tests and benchmarks that read their own output. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A logger that adds `fields` to every line, e.g. the node a line comes from. */
export function withFields(log: Logger, fields: Record<string, unknown>): Logger {
  return {
    info: (event, more) => log.info(event, { ...fields, ...more }),
    warn: (event, more) => log.warn(event, { ...fields, ...more }),
    error: (event, more) => log.error(event, { ...fields, ...more }),
  };
}
