import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ChildMessage, DriverMessage, Provision, ServerStats, Target } from './ipc';
import type { ProbeReport } from '../probe';

/** A server under test running in its own process, so it does not share the load generator's event loop. */
export class ServerProcess {
  private waiting: Array<(s: ServerStats) => void> = [];
  private probing: Array<(r: ProbeReport) => void> = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly target: Target,
  ) {
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'probe') this.probing.shift()?.(m.report);
      if (m.type === 'stats') this.waiting.shift()?.({ rssBytes: m.rssBytes, heapUsedBytes: m.heapUsedBytes, cpuMicros: m.cpuMicros });
    });
  }

  /** Starts `bench/servers/<name>.ts` and resolves once it is listening and provisioned. */
  static start(name: 'concord' | 'reference', provision: Provision, options: { cpuProfileDir?: string; env?: Record<string, string> } = {}): Promise<ServerProcess> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      BENCH_EDITORS: String(provision.editors),
      BENCH_OBSERVERS: String(provision.observers),
      BENCH_SHEETS: String(provision.sheets ?? 0),
      BENCH_PER_SHEET: String(provision.perSheet ?? 0),
    };
    // The reference server persists to LevelDB when this is set; the comparison is in memory.
    delete env.YPERSISTENCE;
    const execArgv = ['--import', 'tsx', '--expose-gc'];
    if (options.cpuProfileDir) execArgv.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir);
    const child = fork(path.join(import.meta.dirname, `${name}.ts`), [], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`${name} server exited (${code}) before it was ready`)));
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'ready') resolve(new ServerProcess(child, m.target));
      });
    });
  }

  /** The server process' memory and CPU so far; after a full garbage collection with `gc`. */
  stats(options: { gc?: boolean } = {}): Promise<ServerStats> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.send({ type: 'stats', gc: options.gc } satisfies DriverMessage);
    });
  }

  /** What the server's probe recorded since the last reset; `reset` starts a new recording. */
  probe(reset: boolean): Promise<ProbeReport> {
    return new Promise((resolve) => {
      this.probing.push(resolve);
      this.child.send({ type: 'probe', reset } satisfies DriverMessage);
    });
  }

  /** Asks the server to close and waits for its process to exit (it writes its CPU profile then). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'stop' } satisfies DriverMessage);
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timeout);
  }
}
