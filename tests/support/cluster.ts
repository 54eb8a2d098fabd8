import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, inject } from 'vitest';
import type WebSocket from 'ws';
import type { User } from '../../server/store/types';
import { connectPeer, connectRawPeer, Harness, ServerProcess, type Peer, type RawPeer } from './harness';
import { newDatabase } from './postgres';
import { redisMissing, RedisServer } from './redis';

/**
 * Tunables of the test nodes: presence of a dead node goes within a second or so; no timed
 * catch-up, so that live fan-out is what a test sees; compaction every 20 entries, so that nodes
 * compact while others write and fall behind compactions.
 */
const NODE_OPTIONS = JSON.stringify({ cluster: { heartbeatMs: 200, nodeTimeoutMs: 1_000 }, sync: { catchUpIntervalMs: 600_000, compactAfterUpdates: 20 } });

/** `describe` for tests with several nodes: skipped with the reason on a machine without PostgreSQL or Redis (never under CI). */
export function describeNodes(name: string, body: () => void): void {
  const postgres = inject('postgres');
  const missing = postgres.url === null ? postgres.reason : redisMissing();
  if (missing === null) return void describe(name, body);
  console.warn(`skipped "${name}": ${missing}`);
  describe.skip(name, body);
}

/**
 * Several Concord nodes, each its own process, sharing a real PostgreSQL and a real Redis, as
 * behind a load balancer. People, sheets and tokens are made in-process on the same store
 * (`seed`); the nodes run the sync server and the commands (`node.command`).
 */
export class Nodes {
  private readonly peers: Peer[] = [];
  private readonly sockets: WebSocket[] = [];

  private constructor(
    readonly redis: RedisServer,
    readonly seed: Harness,
    readonly nodes: ServerProcess[],
    private readonly env: Record<string, string>,
    private readonly dataDir: string,
  ) {}

  /** Starts Redis and `count` nodes on a fresh database of the run's PostgreSQL. */
  static async start(count = 2): Promise<Nodes> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-cluster-'));
    const redis = await RedisServer.start();
    const databaseUrl = await newDatabase();
    const seed = await Harness.start({ dataDir, databaseUrl });
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, AUTH_SECRET: seed.ctx.config.authSecret, CONCORD_TEST_OPTIONS: NODE_OPTIONS };
    const nodes = await Promise.all(Array.from({ length: count }, (_, i) => ServerProcess.start(dataDir, { ...env, NODE_ID: `node${i}` })));
    return new Nodes(redis, seed, nodes, env, dataDir);
  }

  /** Starts node `i` again (after a kill), on the same store. */
  async restart(i: number): Promise<ServerProcess> {
    await this.nodes[i].kill();
    this.nodes[i] = await ServerProcess.start(this.dataDir, { ...this.env, NODE_ID: `node${i}` });
    return this.nodes[i];
  }

  /** An honest peer (the stock y-websocket client) of `user` connected to `node`, synced. */
  async peer(node: ServerProcess, user: User, sheetId: string): Promise<Peer> {
    const peer = await connectPeer(node.wsBase, sheetId, await this.seed.token(user, sheetId));
    this.peers.push(peer);
    return peer;
  }

  /** A hand-driven (possibly hostile) peer of `user` connected to `node`, synced; rejects with the HTTP refusal. */
  async rawPeer(node: ServerProcess, user: User, sheetId: string, token?: string): Promise<RawPeer> {
    const peer = await connectRawPeer(node.wsBase, sheetId, token ?? (await this.seed.token(user, sheetId)), { track: (ws) => this.sockets.push(ws) });
    return peer;
  }

  async close(): Promise<void> {
    for (const p of this.peers) p.provider.destroy();
    for (const ws of this.sockets) ws.terminate();
    await Promise.all(this.nodes.map((n) => n.kill()));
    await this.seed.close();
    await this.redis.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
