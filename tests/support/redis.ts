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
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly url: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const dir = mkdtempSync(path.join(tmpdir(), 'concord-redis-'));
    const port = await freePort();
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
    return new RedisServer(child, dir, `redis://127.0.0.1:${port}`);
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
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
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
