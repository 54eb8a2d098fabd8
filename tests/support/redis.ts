import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './pg-cluster';

/** Where the redis-server binary is: REDIS_SERVER, else the distribution's. */
const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** A throwaway redis-server on a free local port, nothing persisted. */
export class RedisServer {
  private constructor(
    private child: ChildProcess,
    private readonly dir: string,
    private readonly port: number,
  ) {}

  static async start(): Promise<RedisServer> {
    const dir = mkdtempSync(path.join(tmpdir(), 'concord-redis-'));
    const port = await freePort();
    return new RedisServer(await serve(port, dir), dir, port);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Kills the server (`kill -9`, everything it held is gone) and starts a new one on the same port. */
  async crashAndRestart(between: () => Promise<void> = async () => {}): Promise<void> {
    await this.kill();
    await between();
    this.child = await serve(this.port, this.dir);
  }

  /**
   * Holds every PUBLISH (CLIENT PAUSE … WRITE) until `resumePublishing`: the nodes then hear
   * nothing from each other, as when messages are lost, and only the store connects them.
   */
  async pausePublishing(): Promise<void> {
    await this.admin((redis) => redis.call('CLIENT', 'PAUSE', '600000', 'WRITE'));
  }

  async resumePublishing(): Promise<void> {
    await this.admin((redis) => redis.call('CLIENT', 'UNPAUSE'));
  }

  private async admin(fn: (redis: Redis) => Promise<unknown>): Promise<void> {
    const redis = new Redis(this.url, { lazyConnect: true });
    await redis.connect();
    try {
      await fn(redis);
    } finally {
      redis.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

async function serve(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const watch = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Ready to accept connections')) resolve();
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${seen}`)));
  });
  return child;
}

/**
 * Why redis-server cannot be started here, or null when it can. Under CI a missing redis-server
 * fails the run instead (`.ci/run` installs it).
 */
export function redisMissing(): string | null {
  if (existsSync(REDIS_SERVER)) return null;
  const reason = `redis-server is not installed (${REDIS_SERVER}; apt-get install redis-server, or set REDIS_SERVER)`;
  if (process.env.CI === 'true') throw new Error(`CI=true: ${reason}`);
  return reason;
}
