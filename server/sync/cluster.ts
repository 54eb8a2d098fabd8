import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { SyncClose, type SyncCloseReason } from '../../lib/sync/close';
import type { Logger } from '../log';

/**
 * Live fan-out between sync nodes over Redis pub/sub (see CLUSTER.md). Redis carries only what
 * is already decided and stored: appended updates with their log ids, presence, access changes
 * and node heartbeats. Correctness never depends on a message arriving; the store is the truth
 * and a node that missed a message catches up from the log.
 */

/** Tunables of the fan-out; every value has a unit. */
export interface ClusterOptions {
  /** A node announces it is alive this often, in ms. */
  heartbeatMs: number;
  /** A node silent for this long, in ms, is gone: its people's presence is removed everywhere. */
  nodeTimeoutMs: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { heartbeatMs: 2_000, nodeTimeoutMs: 7_000 };

/** What one open sheet of this node hears from the other nodes. */
export interface SheetListener {
  /** Updates another node appended, ids `prev` (exclusive) to `last` (inclusive) of the sheet's log. */
  remoteUpdates(node: string, prev: number, last: number, updates: Uint8Array[]): void;
  /** Presence of people connected to another node (already stamped by that node). */
  remoteAwareness(node: string, update: Uint8Array): void;
  /** A node just opened the sheet and asks for everyone's presence. */
  awarenessWanted(): void;
}

/** What the rest of the node hears: changes that concern every open socket, and nodes that left. */
export interface ClusterListener {
  /** A person's access to a sheet changed on another node: close their sockets here too. */
  accessChanged(sheetId: string, userId: string, reason: SyncCloseReason): void;
  /** A node stopped or stopped answering: forget its presence. */
  nodeGone(node: string): void;
  /** A connection to Redis came back: messages may have been lost both ways; catch up and tell the others. */
  reconnected(): void;
}

/** One open sheet's channel, held by its room. */
export interface SheetChannel {
  publishUpdates(prev: number, last: number, updates: Uint8Array[]): void;
  publishAwareness(update: Uint8Array): void;
  /** Asks the other nodes for the presence they hold. */
  askAwareness(): void;
  /** Stops listening (the room unloads). */
  close(): void;
}

const Kind = { updates: 0, awareness: 1, awarenessQuery: 2, heartbeat: 3, bye: 4, access: 5 } as const;

const NODES_CHANNEL = 'concord:nodes';
const sheetChannel = (sheetId: string) => `concord:sheet:${sheetId}`;

type Message =
  | { kind: typeof Kind.updates; node: string; prev: number; last: number; updates: Uint8Array[] }
  | { kind: typeof Kind.awareness; node: string; update: Uint8Array }
  | { kind: typeof Kind.awarenessQuery | typeof Kind.heartbeat | typeof Kind.bye; node: string }
  | { kind: typeof Kind.access; node: string; sheetId: string; userId: string; reason: SyncCloseReason };

function encode(message: Message): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, message.kind);
  encoding.writeVarString(e, message.node);
  switch (message.kind) {
    case Kind.updates:
      encoding.writeVarUint(e, message.prev);
      encoding.writeVarUint(e, message.last);
      encoding.writeVarUint(e, message.updates.length);
      for (const u of message.updates) encoding.writeVarUint8Array(e, u);
      break;
    case Kind.awareness:
      encoding.writeVarUint8Array(e, message.update);
      break;
    case Kind.access:
      encoding.writeVarString(e, message.sheetId);
      encoding.writeVarString(e, message.userId);
      encoding.writeVarString(e, message.reason);
      break;
  }
  return Buffer.from(encoding.toUint8Array(e));
}

function decode(data: Buffer): Message {
  const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const kind = decoding.readVarUint(d);
  const node = decoding.readVarString(d);
  switch (kind) {
    case Kind.updates: {
      const prev = decoding.readVarUint(d);
      const last = decoding.readVarUint(d);
      const updates = Array.from({ length: decoding.readVarUint(d) }, () => decoding.readVarUint8Array(d));
      return { kind, node, prev, last, updates };
    }
    case Kind.awareness:
      return { kind, node, update: decoding.readVarUint8Array(d) };
    case Kind.access: {
      const [sheetId, userId, reason] = [decoding.readVarString(d), decoding.readVarString(d), decoding.readVarString(d)];
      return { kind, node, sheetId, userId, reason: reason in SyncClose ? (reason as SyncCloseReason) : 'accessChanged' };
    }
    case Kind.awarenessQuery:
    case Kind.heartbeat:
    case Kind.bye:
      return { kind, node };
    default:
      throw new Error(`unknown cluster message kind ${kind}`);
  }
}

/**
 * This node's membership of the cluster: one Redis connection to publish, one to subscribe. A
 * channel per open sheet (updates, presence) and one for all nodes (heartbeats, access changes).
 */
export class Cluster {
  /** This process on the wire: the node id and a random part, so that a restarted or misnamed node is another one. */
  private readonly self: string;
  private readonly sheets = new Map<string, SheetListener>();
  /** When each other node was last heard of, in ms since the epoch. */
  private readonly lastSeen = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private listener: ClusterListener | null = null;
  private publishFailing = false;
  private closed = false;

  private constructor(
    readonly nodeId: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly options: ClusterOptions,
    private readonly log: Logger,
  ) {
    this.self = `${nodeId}#${randomBytes(4).toString('hex')}`;
    sub.on('messageBuffer', (channel: Buffer, data: Buffer) => this.receive(channel.toString(), data));
    for (const [name, client] of [
      ['publisher', pub],
      ['subscriber', sub],
    ] as const) {
      client.on('error', (err: Error) => this.log.warn('cluster.redis.error', { client: name, error: err.message }));
      // Connected before this constructor: every later 'ready' is a reconnect (ioredis resubscribes
      // by itself). What was published or sent meanwhile is lost, on either side.
      client.on('ready', () => {
        this.log.info('cluster.redis.reconnected', { client: name });
        this.listener?.reconnected();
      });
    }
    this.timer = setInterval(() => this.beat(), options.heartbeatMs);
    this.timer.unref();
  }

  /** Connects to Redis and joins the cluster; fails if Redis cannot be reached within `connectTimeoutMs`. */
  static async connect(url: string, nodeId: string, log: Logger, options: Partial<ClusterOptions> = {}, connectTimeoutMs = 10_000): Promise<Cluster> {
    // Publishing never queues while Redis is away: a missed message is healed from the store.
    const pub = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: connectTimeoutMs });
    const sub = new Redis(url, { lazyConnect: true, connectTimeout: connectTimeoutMs });
    try {
      await Promise.all([pub.connect(), sub.connect()]);
      await sub.subscribe(NODES_CHANNEL);
    } catch (err) {
      pub.disconnect();
      sub.disconnect();
      throw new Error(`cannot reach Redis at REDIS_URL (${(err as Error).message})`);
    }
    const cluster = new Cluster(nodeId, pub, sub, { ...DEFAULT_CLUSTER_OPTIONS, ...options }, log);
    cluster.beat();
    return cluster;
  }

  /** Resolves when Redis answers a PING and the subscriber is connected (readiness, `/readyz`). */
  async ping(): Promise<void> {
    await this.pub.ping();
    if (this.sub.status !== 'ready') throw new Error(`subscriber ${this.sub.status}`);
  }

  /** Where the node hears about access changes, gone nodes and reconnects. */
  listen(listener: ClusterListener): void {
    this.listener = listener;
  }

  /** Opens a sheet's channel; `listener` hears the other nodes until the channel is closed. */
  async openSheet(sheetId: string, listener: SheetListener): Promise<SheetChannel> {
    const channel = sheetChannel(sheetId);
    this.sheets.set(sheetId, listener);
    const subscribed = this.sub.subscribe(channel).catch((err: Error) => this.log.warn('cluster.subscribe.failed', { channel, error: err.message }));
    // While Redis is away the sheet opens anyway (ioredis subscribes on reconnect, and the room catches up then).
    if (this.sub.status === 'ready') await subscribed;
    const publish = (message: Message) => this.publish(channel, message);
    return {
      publishUpdates: (prev, last, updates) => publish({ kind: Kind.updates, node: this.self, prev, last, updates }),
      publishAwareness: (update) => publish({ kind: Kind.awareness, node: this.self, update }),
      askAwareness: () => publish({ kind: Kind.awarenessQuery, node: this.self }),
      close: () => {
        // A room reopened meanwhile owns the channel now.
        if (this.sheets.get(sheetId) !== listener) return;
        this.sheets.delete(sheetId);
        if (!this.closed) this.sub.unsubscribe(channel).catch(() => {});
      },
    };
  }

  /** Tells every other node that a person's access to a sheet changed. */
  publishAccessChange(sheetId: string, userId: string, reason: SyncCloseReason): void {
    this.publish(NODES_CHANNEL, { kind: Kind.access, node: this.self, sheetId, userId, reason });
  }

  /** Leaves the cluster: the others forget this node's presence at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.publish(NODES_CHANNEL, { kind: Kind.bye, node: this.self });
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }

  private publish(channel: string, message: Message): void {
    if (this.closed && message.kind !== Kind.bye) return;
    this.pub.publish(channel, encode(message)).then(
      () => (this.publishFailing = false),
      (err: Error) => {
        // Once per outage: the other nodes catch up from the store meanwhile.
        if (!this.publishFailing) this.log.warn('cluster.publish.failed', { channel, error: err.message });
        this.publishFailing = true;
      },
    );
  }

  private beat(): void {
    this.publish(NODES_CHANNEL, { kind: Kind.heartbeat, node: this.self });
    const now = Date.now();
    for (const [node, seen] of this.lastSeen) if (now - seen > this.options.nodeTimeoutMs) this.forget(node, 'timeout');
  }

  private forget(node: string, why: string): void {
    if (!this.lastSeen.delete(node)) return;
    this.log.info('cluster.node.gone', { gone: node, why });
    this.listener?.nodeGone(node);
  }

  private receive(channel: string, data: Buffer): void {
    let message: Message;
    try {
      message = decode(data);
    } catch (err) {
      return this.log.warn('cluster.message.malformed', { channel, error: String(err) });
    }
    if (message.node === this.self) return;
    if (message.kind === Kind.bye) return this.forget(message.node, 'bye');
    if (!this.lastSeen.has(message.node)) this.log.info('cluster.node.seen', { seen: message.node });
    this.lastSeen.set(message.node, Date.now());
    if (message.kind === Kind.heartbeat) return;
    if (message.kind === Kind.access) return this.listener?.accessChanged(message.sheetId, message.userId, message.reason);
    const sheet = this.sheets.get(channel.slice(sheetChannel('').length));
    if (!sheet) return;
    if (message.kind === Kind.updates) sheet.remoteUpdates(message.node, message.prev, message.last, message.updates);
    else if (message.kind === Kind.awareness) sheet.remoteAwareness(message.node, message.update);
    else sheet.awarenessWanted();
  }
}
