import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { LIMITS } from '../../lib/limits';
import { SyncClose, type SyncCloseReason } from '../../lib/sync/close';
import type { SyncTokens } from '../auth/tokens';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { Cluster } from './cluster';
import { Connection } from './connection';
import { noSyncMetrics, type SyncMetrics } from './metrics';
import { colorOf } from './identity';
import { PresenceRefused } from './presence-rules';
import { decodeMessage } from './protocol';
import { Room, type RoomListener, type RoomOptions } from './room';

/** Tunables of the sync server; every value has a unit and a reason. */
export interface SyncServerOptions extends RoomOptions {
  /** Largest frame accepted, in bytes; larger frames close the socket (1009). */
  maxFrameBytes: number;
  /** An idle sheet stays in memory this long after its last connection leaves, in ms, so a quick reconnect is cheap. */
  unloadAfterMs: number;
  /**
   * Ping peers this often, in ms; a peer that misses a pong is dropped, and with it their presence.
   * A closed socket is seen at once; a silent network drop only this way, so it is kept short enough
   * that others see the person offline within two intervals, well before awareness's own 30 s.
   */
  pingIntervalMs: number;
  /** With several nodes, each open sheet reads the shared log this often, in ms, in case a message between nodes was lost. */
  catchUpIntervalMs: number;
}

/** Defaults for a production server. */
export const DEFAULT_SYNC_OPTIONS: SyncServerOptions = {
  maxFrameBytes: LIMITS.maxFrameBytes,
  unloadAfterMs: 30_000,
  pingIntervalMs: 10_000,
  catchUpIntervalMs: 5_000,
  compactAfterUpdates: 500,
};

const SYNC_PATH = /^\/sync\/([A-Za-z0-9_-]{1,64})$/;

/**
 * The y-websocket sync server with Concord's guard: authenticates the upgrade with a sync
 * token, loads sheets on demand, and unloads them when nobody is connected.
 */
export class SyncServer {
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly closing = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Connections and server calls using each sheet, joined or still waiting for its room: a sheet in use is not unloaded. */
  private readonly users = new Map<string, number>();
  /** Upgrades past the role check but not yet accepted, so that an access change meanwhile is not missed. */
  private readonly upgrading = new Set<{ sheetId: string; userId: string; accessChanged: boolean }>();
  private readonly sockets = new Map<WebSocket, Connection>();
  private readonly pinger: NodeJS.Timeout;
  private readonly catchUpTimer: NodeJS.Timeout | null = null;
  private readonly options: SyncServerOptions;
  /** Set by `close`: upgrades are refused from then on. */
  private closed = false;
  private readonly listeners: RoomListener[] = [];

  /** With a `cluster`, this is one of several nodes sharing the store (CLUSTER.md). */
  constructor(
    private readonly store: Store,
    private readonly tokens: SyncTokens,
    private readonly log: Logger,
    options: Partial<SyncServerOptions> = {},
    private readonly cluster: Cluster | null = null,
    private readonly metrics: SyncMetrics = noSyncMetrics,
  ) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...options };
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.options.maxFrameBytes, perMessageDeflate: false });
    this.pinger = setInterval(() => this.pingAll(), this.options.pingIntervalMs);
    this.pinger.unref();
    if (cluster) {
      cluster.listen({
        accessChanged: (sheetId, userId, reason) => this.closeLocalUser(sheetId, userId, reason),
        nodeGone: (node) => this.eachOpenRoom((room) => room.presence.forgetNode(node)),
        reconnected: () => this.eachOpenRoom((room) => room.rejoin()),
      });
      this.catchUpTimer = setInterval(() => this.eachOpenRoom((room) => void room.catchUp()), this.options.catchUpIntervalMs);
      this.catchUpTimer.unref();
    }
  }

  /** Adds a listener to every room opened from now on (see `RoomListener`). */
  listen(listener: RoomListener): void {
    this.listeners.push(listener);
  }

  /** True for requests this server answers (`/sync/<sheetId>`). */
  handles(req: IncomingMessage): boolean {
    return SYNC_PATH.test(new URL(req.url ?? '/', 'http://x').pathname);
  }

  /** Authenticates an upgrade request and, if it holds a valid token for a member, accepts it. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://x');
    const sheetId = SYNC_PATH.exec(url.pathname)?.[1];
    if (!sheetId) return reject(socket, 404, 'not-found');
    if (this.closed) return reject(socket, 503, 'going-away');
    const claims = this.tokens.verify(url.searchParams.get('token'), sheetId);
    if (typeof claims === 'string') return reject(socket, 401, claims);
    const upgrade = { sheetId, userId: claims.sub, accessChanged: false };
    this.upgrading.add(upgrade);
    socket.once('close', () => this.upgrading.delete(upgrade));
    const [user, role] = await Promise.all([this.store.people.findUserById(claims.sub), this.store.sheets.roleOf(sheetId, claims.sub)]);
    // The token says who; the store says what they may do now (a role may have changed since).
    if (!user || !role) {
      this.upgrading.delete(upgrade);
      return reject(socket, 403, 'not-a-member');
    }
    // P5: counted and accepted in one turn of the event loop, so a burst of upgrades cannot all slip through.
    if (this.openSockets(sheetId, user.id).length >= LIMITS.syncSocketsPerPerson) {
      this.upgrading.delete(upgrade);
      return reject(socket, 429, 'too-many-sockets');
    }
    if (this.closed) return reject(socket, 503, 'going-away');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.upgrading.delete(upgrade);
      const identity = { id: user.id, name: user.name, department: user.departmentName, color: colorOf(user.id) };
      const conn = new Connection(ws, sheetId, identity, role, this.log, this.metrics);
      this.accept(ws, conn);
      // The role was read before an access change that closed this person's other sockets.
      if (upgrade.accessChanged) conn.close('accessChanged');
    });
  }

  private accept(ws: WebSocket, conn: Connection): void {
    this.sockets.set(ws, conn);
    this.log.debug('sync.connected', { sheetId: conn.sheetId, userId: conn.userId, role: conn.role });
    const backlog: Uint8Array[] = [];
    let room: Room | null = null;
    const handle = (frame: Uint8Array) => {
      if (conn.closed || !room) return;
      try {
        const message = decodeMessage(frame);
        if (message.kind !== 'awareness' && !conn.messageRate.take()) return conn.refuse('tooFast', 'messages beyond the allowance (R1)');
        switch (message.kind) {
          case 'step1':
            return room.answerStep1(conn, message.stateVector);
          case 'update':
            return room.receiveUpdate(conn, message.update);
          case 'awareness':
            return room.presence.receive(conn, message.update);
          case 'queryAwareness':
            return conn.send(room.presence.everyone());
        }
      } catch (err) {
        conn.refuse(err instanceof PresenceRefused ? 'invalidPresence' : 'malformed', String(err));
      }
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const frame = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(0);
      if (room) handle(frame);
      else backlog.push(frame);
    });
    ws.on('pong', () => (conn.alive = true));
    ws.on('error', (err) => this.log.warn('sync.socket.error', { sheetId: conn.sheetId, userId: conn.userId, error: String(err) }));
    ws.on('close', (code: number) => {
      this.log.debug('sync.disconnected', { sheetId: conn.sheetId, userId: conn.userId, code });
      conn.closed = true;
      this.sockets.delete(ws);
      if (code === SyncClose.tooLarge) {
        this.log.warn('sync.refused', { sheetId: conn.sheetId, userId: conn.userId, reason: 'tooLarge' });
        this.metrics.refused('tooLarge');
      }
      room?.leave(conn);
      this.release(conn.sheetId);
    });
    this.hold(conn.sheetId);
    this.liveRoom(conn.sheetId).then(
      (r) => {
        if (conn.closed) return;
        room = r;
        r.join(conn);
        for (const frame of backlog.splice(0)) handle(frame);
      },
      (err: unknown) => {
        this.log.error('sync.room.load_failed', { sheetId: conn.sheetId, error: String(err) });
        conn.close('shuttingDown');
      },
    );
  }

  /** The open room of a sheet, loading it if needed. */
  room(sheetId: string): Promise<Room> {
    const closing = this.closing.get(sheetId);
    if (closing) return closing.then(() => this.room(sheetId));
    let room = this.rooms.get(sheetId);
    if (!room) {
      room = Room.open(sheetId, this.store, this.options, this.log, this.cluster, this.metrics, this.listeners);
      this.rooms.set(sheetId, room);
      room.catch(() => this.rooms.delete(sheetId));
    }
    return room;
  }

  /** The room of a sheet, reloaded from the store if the one in memory lost a write. */
  private async liveRoom(sheetId: string): Promise<Room> {
    for (;;) {
      const pending = this.room(sheetId);
      const room = await pending;
      if (!room.failed) return room;
      if (this.rooms.get(sheetId) === pending) {
        this.rooms.delete(sheetId);
        void this.closeRoom(sheetId, room);
      }
    }
  }

  /**
   * Runs `fn` with a sheet's live room, loaded for the occasion and unloaded later if nobody is
   * there; with several nodes, the room first catches up with what the others stored.
   */
  async withRoom<T>(sheetId: string, fn: (room: Room) => Promise<T> | T): Promise<T> {
    this.hold(sheetId);
    try {
      const room = await this.liveRoom(sheetId);
      await room.catchUp();
      return await fn(room);
    } finally {
      this.release(sheetId);
    }
  }

  /**
   * Closes a person's sockets on a sheet (access changed); they reconnect and are checked again.
   * Includes sockets still waiting for the room and upgrades whose role was read before the change,
   * on every node. Returns how many sockets this node closed.
   */
  async closeUser(sheetId: string, userId: string, reason: SyncCloseReason = 'accessChanged'): Promise<number> {
    this.cluster?.publishAccessChange(sheetId, userId, reason);
    return this.closeLocalUser(sheetId, userId, reason);
  }

  private closeLocalUser(sheetId: string, userId: string, reason: SyncCloseReason): number {
    for (const upgrade of this.upgrading) if (upgrade.sheetId === sheetId && upgrade.userId === userId) upgrade.accessChanged = true;
    const open = this.openSockets(sheetId, userId);
    for (const conn of open) conn.close(reason);
    return open.length;
  }

  /** The connections a person has open on a sheet on this node, not counting those closing. */
  private openSockets(sheetId: string, userId: string): Connection[] {
    return Array.from(this.sockets.values()).filter((conn) => conn.sheetId === sheetId && conn.userId === userId && !conn.closed);
  }

  /** Runs `fn` on every room loaded in memory. */
  private eachOpenRoom(fn: (room: Room) => void): void {
    for (const pending of this.rooms.values()) pending.then(fn, () => {});
  }

  /** Number of open sync sockets. */
  get connections(): number {
    return this.sockets.size;
  }

  /** Number of sheets in memory, counting those still storing their state on unload. */
  get openSheets(): number {
    return new Set([...this.rooms.keys(), ...this.closing.keys()]).size;
  }

  private hold(sheetId: string): void {
    this.cancelUnload(sheetId);
    this.users.set(sheetId, (this.users.get(sheetId) ?? 0) + 1);
  }

  private release(sheetId: string): void {
    const left = (this.users.get(sheetId) ?? 1) - 1;
    if (left > 0) return void this.users.set(sheetId, left);
    this.users.delete(sheetId);
    this.scheduleUnload(sheetId);
  }

  private scheduleUnload(sheetId: string): void {
    this.cancelUnload(sheetId);
    const timer = setTimeout(() => void this.unload(sheetId), this.options.unloadAfterMs);
    timer.unref();
    this.unloadTimers.set(sheetId, timer);
  }

  private cancelUnload(sheetId: string): void {
    clearTimeout(this.unloadTimers.get(sheetId));
    this.unloadTimers.delete(sheetId);
  }

  private async unload(sheetId: string): Promise<void> {
    this.unloadTimers.delete(sheetId);
    const pending = this.rooms.get(sheetId);
    if (!pending) return;
    const room = await pending;
    // Someone may have come while the room was awaited: they hold it now.
    if (this.users.has(sheetId) || this.unloadTimers.has(sheetId) || this.rooms.get(sheetId) !== pending) return;
    this.rooms.delete(sheetId);
    await this.closeRoom(sheetId, room);
  }

  /** Unloads a room already dropped from `rooms`; until it is stored, a newcomer waits for it instead of reading a stale log. */
  private closeRoom(sheetId: string, room: Room): Promise<void> {
    const closing = room
      .unload()
      .catch((err: unknown) => this.log.error('sync.room.unload_failed', { sheetId, error: String(err) }))
      .finally(() => this.closing.delete(sheetId));
    this.closing.set(sheetId, closing);
    return closing;
  }

  private pingAll(): void {
    for (const [ws, conn] of this.sockets) {
      if (!conn.alive) {
        ws.terminate();
        continue;
      }
      conn.alive = false;
      ws.ping();
    }
  }

  /**
   * Refuses new upgrades, closes every socket with `reason` (`goingAway` when the node drains:
   * clients reconnect, to another node), then stores every open sheet: pending updates,
   * compaction, summaries.
   */
  async close(reason: SyncCloseReason = 'shuttingDown'): Promise<void> {
    this.closed = true;
    for (const conn of this.sockets.values()) conn.close(reason);
    clearInterval(this.pinger);
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const rooms = await Promise.allSettled(Array.from(this.rooms.values()));
    this.rooms.clear();
    await Promise.allSettled(Array.from(this.closing.values()));
    await Promise.all(rooms.map((r) => (r.status === 'fulfilled' ? r.value.unload() : undefined)));
    await this.closeHandshakes(1000);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  /** Waits (at most `ms`) for peers to answer the close frames, so the codes reach them before the sockets end. */
  private async closeHandshakes(ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    while (this.wss.clients.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }
}

function reject(socket: Duplex, status: number, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nX-Concord-Refusal: ${reason}\r\nContent-Length: 0\r\n\r\n`);
}
