import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Role } from '../../lib/policies/roles';
import { LIMITS } from '../../lib/limits';
import { startConcord, type RunningConcord } from '../../server/app';
import { addUser } from '../../server/commands/people';
import { createSheet, issueSyncToken } from '../../server/commands/sheets';
import { loadConfig } from '../../server/env';
import { silentLogger } from '../../server/log';
import type { User } from '../../server/store/types';
import type { SyncServerOptions } from '../../server/sync/server';

/** A real Concord server on port 0 with a fresh SQLite store, and helpers to play its users. */
export class Harness {
  private counter = 0;
  private readonly providers: WebsocketProvider[] = [];
  private readonly sockets: WebSocket[] = [];

  private constructor(
    readonly running: RunningConcord,
    readonly dataDir: string,
  ) {}

  static async start(options: { sync?: Partial<SyncServerOptions>; withNext?: boolean; dataDir?: string } = {}): Promise<Harness> {
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'concord-test-'));
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    const running = await startConcord(config, { log: silentLogger, withNext: options.withNext ?? false, sync: options.sync });
    return new Harness(running, dataDir);
  }

  get ctx() {
    return this.running.context;
  }

  get wsBase(): string {
    return `ws://127.0.0.1:${this.running.port}/sync`;
  }

  async user(name = `person${++this.counter}`, department = '工程部'): Promise<User> {
    return addUser(this.ctx.store, { email: `${name}@example.com`.toLowerCase(), name, password: 'correct horse battery', department });
  }

  /** A sheet created by `owner`, with each other person added in the given role. */
  async sheet(owner: User, members: Array<[User, Role]> = []): Promise<string> {
    const { id } = await createSheet(this.ctx, owner, { title: '产品上线前测试资源协调' });
    for (const [user, role] of members) await this.ctx.store.sheets.setMember(id, user.id, role);
    return id;
  }

  async token(user: User, sheetId: string): Promise<string> {
    return (await issueSyncToken(this.ctx, user, sheetId)).token;
  }

  /** An honest peer: the stock y-websocket client with its own document. */
  async peer(user: User, sheetId: string): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(this.wsBase, sheetId, doc, {
      params: { token: await this.token(user, sheetId) },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    });
    this.providers.push(provider);
    await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
    return { doc, provider };
  }

  /** A raw socket for playing a hostile peer; resolves once open (or rejects with the HTTP refusal). */
  async socket(sheetId: string, token: string | null): Promise<WebSocket> {
    const url = `${this.wsBase}/${sheetId}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
    const ws = new WebSocket(url, { maxPayload: LIMITS.maxFrameBytes * 2 });
    this.sockets.push(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode} ${res.headers['x-concord-refusal'] ?? ''}`.trim())));
      ws.once('error', reject);
    });
    return ws;
  }

  async close(): Promise<void> {
    for (const p of this.providers) p.destroy();
    for (const s of this.sockets) s.terminate();
    await this.running.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Resolves when `predicate` holds, checking after every tick; rejects after `ms`. */
export async function until(predicate: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The close code a socket ends with. */
export function closeCode(ws: WebSocket): Promise<number> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}
