import type { Probe, ProbeReport } from '../probe';

/** Messages between the bench driver and a server under test running in its own process. */

/** Where and how the load generator connects to a server under test. */
export interface Target {
  /** Label in reports. */
  name: string;
  /** Base URL a y-websocket client (WebsocketProvider) is given. */
  providerUrl: string;
  /** The room (document) name. */
  room: string;
  /** URL parameters (the sync token) of the setup client. */
  setupParams: Record<string, string>;
  /** URL parameters of each observer. */
  observerParams: Array<Record<string, string>>;
  /** URL parameters of each editor. */
  editorParams: Array<Record<string, string>>;
  /** Several nodes serving the same sheets: editors and observers are spread over these base URLs. */
  nodeUrls?: string[];
  /** For the many-sheets scenarios: one entry per socket to open (room and its URL parameters). */
  sockets: Array<{ room: string; params: Record<string, string> }>;
}

/** Resource use of a server process at one moment. */
export interface ServerStats {
  rssBytes: number;
  heapUsedBytes: number;
  /** CPU time of the process since it started, in microseconds (user + system). */
  cpuMicros: number;
}

/** Child → driver. */
export type ChildMessage = { type: 'ready'; target: Target } | ({ type: 'stats' } & ServerStats) | { type: 'probe'; report: ProbeReport };
/** Driver → child. */
export type DriverMessage = { type: 'stats'; gc?: boolean } | { type: 'probe'; reset: boolean } | { type: 'stop' };

/** Role counts a server must provision for a run, passed in the environment. */
export interface Provision {
  editors: number;
  observers: number;
  /** Many-sheets scenarios: this many sheets (rooms)… */
  sheets?: number;
  /** …each with this many sockets, each of its own person. */
  perSheet?: number;
}

/** Reads the provision the driver put in the environment. */
export function provisionFromEnv(): Provision {
  return {
    editors: Number(process.env.BENCH_EDITORS ?? 30),
    observers: Number(process.env.BENCH_OBSERVERS ?? 3),
    sheets: Number(process.env.BENCH_SHEETS ?? 0),
    perSheet: Number(process.env.BENCH_PER_SHEET ?? 0),
  };
}

/**
 * Answers the driver: sends `ready` with the target, replies to `stats` and `probe`, and on `stop` runs
 * `close` and exits. Used by both server children so they are measured the same way.
 */
export function serveDriver(target: Target, probe: Probe, close: () => Promise<void>): void {
  const send = (m: ChildMessage) => process.send?.(m);
  process.on('message', (m: DriverMessage) => {
    if (m.type === 'stats') {
      // Measuring what is kept, not what is garbage yet (the child runs with --expose-gc).
      if (m.gc) globalThis.gc?.();
      const mem = process.memoryUsage();
      const cpu = process.cpuUsage();
      send({ type: 'stats', rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, cpuMicros: cpu.user + cpu.system });
    } else if (m.type === 'probe') {
      send({ type: 'probe', report: probe.report() });
      if (m.reset) probe.reset();
    } else if (m.type === 'stop') {
      // The driver waits for the exit; a close that hangs must not hang the bench.
      setTimeout(() => process.exit(0), 5000).unref();
      void close().finally(() => process.exit(0));
    }
  });
  // An orphaned child (driver killed) must not keep a port open forever.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', target });
}
