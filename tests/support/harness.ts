import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import type { Role } from '../../lib/policies/roles';
import type { Section } from '../../lib/sheet/layout';
import { LIMITS } from '../../lib/limits';
import { startConcord, type RunningConcord } from '../../server/app';
import { addUser } from '../../server/commands/people';
import { createSheet, issueSyncToken } from '../../server/commands/sheets';
import { loadConfig } from '../../server/env';
import { silentLogger } from '../../server/log';
import type { Store, User } from '../../server/store/types';
import { awarenessFrame, MessageType, updateFrame } from '../../server/sync/protocol';
import type { SyncServerOptions } from '../../server/sync/server';
import { testDatabaseUrl } from './postgres';

/** An honest peer: the stock y-websocket client with its own document. */
export interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * A real Concord server on port 0 with a fresh store (SQLite, or PostgreSQL in the `server-on-postgres` test
 * project), and helpers to play its users.
 */
export class Harness {
  private counter = 0;
  private readonly providers: WebsocketProvider[] = [];
  private readonly sockets: WebSocket[] = [];

  private constructor(
    readonly running: RunningConcord,
    readonly dataDir: string,
  ) {}

  /**
   * `databaseUrl`: the PostgreSQL database to use; by default the test project's choice (`testDatabaseUrl`).
   * `env` adds environment variables (e.g. `SMTP_URL`) to the test configuration.
   */
  static async start(options: { sync?: Partial<SyncServerOptions>; withNext?: boolean; dataDir?: string; databaseUrl?: string; env?: Record<string, string> } = {}): Promise<Harness> {
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'concord-test-'));
    const databaseUrl = options.databaseUrl ?? (await testDatabaseUrl());
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ...options.env });
    const running = await startConcord(config, { log: silentLogger, withNext: options.withNext ?? false, sync: options.sync });
    return new Harness(running, dataDir);
  }

  /** The running process's context: store, commands, sync server. */
  get ctx() {
    return this.running.context;
  }

  /** The HTTP API's base URL (pages and API routes need `withNext`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.running.port}`;
  }

  get wsBase(): string {
    return `ws://127.0.0.1:${this.running.port}/sync`;
  }

  /** A new person, in a department. */
  async user(name = `person${++this.counter}`, department = '工程部'): Promise<User> {
    return addUser(this.ctx.store, { email: `${name}@example.com`.toLowerCase(), name, password: 'correct horse battery', department });
  }

  /** A sheet created by `owner`, with each other person added in the given role. */
  async sheet(owner: User, members: Array<[User, Role]> = []): Promise<string> {
    const { id } = await createSheet(this.ctx, owner, { title: '产品上线前测试资源协调' });
    for (const [user, role] of members) await this.ctx.store.sheets.setMember(id, user.id, role);
    return id;
  }

  /** A sync token, as the app issues one to a member. */
  async token(user: User, sheetId: string): Promise<string> {
    return (await issueSyncToken(this.ctx, user, sheetId)).token;
  }

  /** An honest peer: the stock y-websocket client with its own document, synced. */
  async peer(user: User, sheetId: string): Promise<Peer> {
    const peer = await connectPeer(this.wsBase, sheetId, await this.token(user, sheetId));
    this.providers.push(peer.provider);
    return peer;
  }

  /** A raw socket for playing a hostile peer; resolves once open (or rejects with the HTTP refusal). */
  async socket(sheetId: string, token: string | null): Promise<WebSocket> {
    const ws = openSocket(this.wsBase, sheetId, token);
    this.sockets.push(ws);
    await opened(ws);
    return ws;
  }

  /** A hand-driven peer of `user` on a raw socket, synced with the server's state unless `synced` is false. */
  async rawPeer(user: User, sheetId: string, options: { synced?: boolean; token?: string } = {}): Promise<RawPeer> {
    return connectRawPeer(this.wsBase, sheetId, options.token ?? (await this.token(user, sheetId)), { synced: options.synced, track: (ws) => this.sockets.push(ws) });
  }

  /** The sheet's document as the store holds it: snapshot and log, merged. */
  async stored(sheetId: string): Promise<Y.Doc> {
    return storedDoc(this.ctx.store, sheetId);
  }

  /** Stops the server; the data directory is removed unless `keepData`. */
  async close(options: { keepData?: boolean } = {}): Promise<void> {
    for (const p of this.providers) p.destroy();
    for (const s of this.sockets) s.terminate();
    await this.running.close();
    if (!options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Connects the stock y-websocket client (with a new document, or `doc` to reconnect one) to a sync endpoint and resolves once it is synced. */
export async function connectPeer(wsBase: string, sheetId: string, token: string, doc = new Y.Doc()): Promise<Peer> {
  const provider = new WebsocketProvider(wsBase, sheetId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  return { doc, provider };
}

/** A hand-driven peer on a raw socket to a sync endpoint, synced with the server's state unless `synced` is false. */
export async function connectRawPeer(wsBase: string, sheetId: string, token: string, options: { synced?: boolean; track?: (ws: WebSocket) => void } = {}): Promise<RawPeer> {
  const ws = openSocket(wsBase, sheetId, token);
  options.track?.(ws);
  const peer = new RawPeer(ws);
  await opened(ws);
  if (options.synced !== false) await peer.synced;
  return peer;
}

function openSocket(wsBase: string, sheetId: string, token: string | null): WebSocket {
  const url = `${wsBase}/${sheetId}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  // A larger limit than the server's, so the test can send frames the server must refuse.
  return new WebSocket(url, { maxPayload: LIMITS.maxFrameBytes * 2 });
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode} ${res.headers['x-concord-refusal'] ?? ''}`.trim())));
    ws.once('error', reject);
  });
}

/**
 * A peer that speaks y-websocket by hand: it syncs like an honest client, then sends whatever the
 * test asks, including what an honest client never would. Records how the server closed it.
 */
export class RawPeer {
  readonly doc = new Y.Doc();
  /** Presence as this peer sees it. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  /** The close code the server ended the socket with. */
  readonly closed: Promise<number>;
  /** Resolves once the server's state (sync step 2) arrived. */
  readonly synced: Promise<void>;
  /** The sync message types (step 1, step 2, update) received so far, in order. */
  readonly syncSteps: number[] = [];
  private presenceClock = 0;

  constructor(readonly ws: WebSocket) {
    this.awareness.setLocalState(null);
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
    let markSynced = () => {};
    this.synced = new Promise((resolve) => (markSynced = resolve));
    // As an honest client does: ask for the server's state.
    ws.once('open', () => this.requestState());
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.sync) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.sync);
        const step = syncProtocol.readSyncMessage(decoder, reply, this.doc, 'server');
        if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply));
        this.syncSteps.push(step);
        if (step === syncProtocol.messageYjsSyncStep2) markSynced();
      } else if (type === MessageType.awareness) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server');
      }
    });
  }

  /** Changes the local document in one transaction and sends the resulting update, unasked. */
  write(fn: (doc: Y.Doc) => void): Uint8Array {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    this.doc.on('update', capture);
    this.doc.transact(() => fn(this.doc));
    this.doc.off('update', capture);
    if (!update) throw new Error('the change changed nothing');
    this.send(updateFrame(update));
    return update;
  }

  /** Sends sync step 1: the server answers with everything this peer lacks. */
  requestState(): void {
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.sync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    this.send(encoding.toUint8Array(step1));
  }

  /** Announces a presence state (null: gone) for a client id, by default this peer's own. */
  present(state: Record<string, unknown> | null, clientId = this.doc.clientID): void {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, clientId);
    // A clock ahead of any honest one, so that only the server's rules can stop it.
    encoding.writeVarUint(update, ++this.presenceClock + 1000);
    encoding.writeVarString(update, JSON.stringify(state));
    this.send(awarenessFrame(encoding.toUint8Array(update)));
  }

  /** Sends one frame as is. */
  send(frame: Uint8Array | string): void {
    this.ws.send(frame);
  }
}

/** A sheet's document as a store holds it: snapshot and log, merged. */
async function storedDoc(store: Store, sheetId: string): Promise<Y.Doc> {
  const stored = await store.updates.load(sheetId);
  const doc = new Y.Doc();
  for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, part);
  return doc;
}

/**
 * `writer` (an editor) writes a marker and this waits until `observer` has it. The server stores
 * and forwards in order, so whatever it would have forwarded before is then with `observer`, and
 * stored: a way to prove something was never sent, without waiting on a clock.
 */
export async function barrier(writer: Peer, observer: Peer): Promise<void> {
  const marker = Math.random().toString(36).slice(2);
  writer.doc.getMap('meta').set('barrier', marker);
  await until(() => observer.doc.getMap('meta').get('barrier') === marker, 5000, 'the barrier marker');
}

/** Resolves when `predicate` holds, checking after every tick; rejects after `ms`. */
export async function until(predicate: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls `read` until it returns `expected` (or gives up after a few seconds) and returns the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && value !== expected; i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

/** `promise`, or a rejection if it takes longer than `ms`: for promises that are about time. */
export function within<T>(ms: number, promise: Promise<T>, what = 'promise'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A paragraph of rich text, as Tiptap writes one into an XmlFragment. */
export function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** A comment thread as the editor opens it: anchored nowhere in particular, with one message, in `author`'s name. */
export function commentThread(id: string, author: User, text: string, fields: Record<string, unknown> = {}): Y.Map<unknown> {
  const at = new Date().toISOString();
  const message = new Y.Map<unknown>(Object.entries({ id: `${id}-m1`, authorId: author.id, author: author.name, at, text }));
  const thread = new Y.Map<unknown>(
    Object.entries({ id, section: 'record', anchor: null, taskId: null, quote: '', createdBy: author.id, createdByName: author.name, createdAt: at, kind: 'comment', status: 'open', private: false, ...fields }),
  );
  thread.set('messages', Y.Array.from([message]));
  return thread;
}

const ROW_SECTIONS: ReadonlySet<Section> = new Set(['recipients', 'tasks', 'feedback']);
const MAP_SECTIONS: ReadonlySet<Section> = new Set(['meta', 'comments', 'control']);

/** Writes something into `section` the way an editor of that section would. */
export function writeInto(doc: Y.Doc, section: Section): void {
  if (MAP_SECTIONS.has(section)) doc.getMap(section).set('written', Math.random());
  else if (ROW_SECTIONS.has(section)) doc.getArray(section).push([new Y.Map([['id', 'row']])]);
  else doc.getXmlFragment(section).insert(0, [paragraph(`written into ${section}`)]);
}

const CONFIG_KEYS = ['AUTH_SECRET', 'REDIS_URL', 'NODE_ID', 'DATABASE_URL', 'LOG_LEVEL', 'METRICS_TOKEN', 'SHUTDOWN_DELAY_MS', 'SHUTDOWN_TIMEOUT_MS'];

/** A Concord server in a child process, so a test can signal or kill it, or run it as one of several nodes. */
export class ServerProcess {
  /** How the process ended, once it has. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private calls = 0;
  private readonly answers = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    /** Every line it wrote to stdout so far (JSON log lines when LOG_LEVEL is set). */
    readonly lines: string[],
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
      else child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  /** A line the node wrote: answers to `command` are picked out. */
  private receive(line: string): void {
    if (!line.startsWith('RESULT ')) return;
      const { id, value, error } = JSON.parse(line.slice(7)) as { id: number; value?: unknown; error?: { code: string; message: string } };
      const answer = this.answers.get(id);
      this.answers.delete(id);
      if (error) answer?.reject(Object.assign(new Error(error.message), { code: error.code }));
      else answer?.resolve(value);
  }

  /**
   * Starts `tests/support/server-process.ts` on `dataDir` and waits for the port it listens on.
   * `env` adds REDIS_URL, NODE_ID, DATABASE_URL, LOG_LEVEL, SHUTDOWN_DELAY_MS… or CONCORD_TEST_OPTIONS (see that file).
   */
  static async start(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
    const script = path.join(import.meta.dirname, 'server-process.ts');
    // Configuration comes from `env` alone, not from whatever the shell running the tests has set.
    const inherited = { ...process.env };
    for (const key of CONFIG_KEYS) delete inherited[key];
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...inherited, DATA_DIR: dataDir, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    let receive = (_line: string) => {};
    onLines(child, (line) => {
      lines.push(line);
      receive(line);
    });
    const port = await new Promise<number>((resolve, reject) => {
      receive = (line) => {
        const match = /^PORT (\d+)$/.exec(line);
        if (match) resolve(Number(match[1]));
      };
      child.once('exit', (code) => reject(new Error(`server process exited with ${code} before listening`)));
    });
    const server = new ServerProcess(child, port, lines);
    receive = (line) => server.receive(line);
    return server;
  }

  get wsBase(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  get httpBase(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The JSON log lines so far, parsed. */
  logs(): Array<Record<string, unknown>> {
    return this.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  /** Runs one of the node's `commands` (as the HTTP API would) and resolves with its result. */
  command(name: string, ...args: unknown[]): Promise<unknown> {
    const id = ++this.calls;
    return new Promise((resolve, reject) => {
      this.answers.set(id, { resolve, reject });
      this.child.stdin!.write(`${JSON.stringify({ id, name, args })}\n`);
    });
  }

  /** `kill -9`: no shutdown hook runs, nothing is flushed. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Calls `fn` with each whole line the child writes to stdout. */
function onLines(child: ChildProcess, fn: (line: string) => void): void {
  let rest = '';
  const read = (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const line of parts) fn(line);
  };
  child.stdout!.on('data', read);
}
