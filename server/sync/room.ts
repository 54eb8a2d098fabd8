import * as Y from 'yjs';
import { RESTRICTED_CONFIDENTIALITIES } from '../../lib/sheet/fields';
import { typeSections } from '../../lib/sheet/doc';
import { migrateRowOrder, needsRowOrder } from '../../lib/sheet/order';
import type { Logger } from '../log';
import { CompactedLogError } from '../store/errors';
import type { Store } from '../store/types';
import { applyAll, CatchUp, FROM_LOG } from './catchup';
import type { SheetChannel, SheetListener } from './cluster';
import { Connection } from './connection';
import { judgeUpdate, refusalError, type Refusal, type Writer } from './guard';
import { noSyncMetrics, type SyncMetrics } from './metrics';
import { Presence } from './presence';
import { step1Frame, step2Frame, updateFrame } from './protocol';
import { indexTasks, summarize } from './summary';
import { WriteQueue } from './write-queue';

/** Tunables of a room; every value has a unit. */
export interface RoomOptions {
  /** Compact the update log into a snapshot once it holds this many entries. */
  compactAfterUpdates: number;
}

/**
 * Told about every change applied to a room's document, e.g. to notify people mentioned or given
 * a task. Whatever `applied` returns runs once the change is stored; a failure is logged.
 */
export interface RoomListener {
  /** Reads a transaction as it is applied (what it deleted is still readable); must not write to the document. */
  applied(sheetId: string, tr: Y.Transaction): (() => Promise<void>) | null;
}

/** Origin of a change the server makes on nobody's behalf: control written by checked lock and stage commands, repairs, migrations. */
const SYSTEM = Symbol('the system');

/** Origin of a change a command made in a person's name (HTTP), judged as their socket's would be. */
class OnBehalf {
  constructor(readonly writer: Writer) {}
}

/** In whose name a change applied on this node was made: null for the system's and for changes read from other nodes. */
export function writerOf(origin: unknown): Writer | null {
  if (origin instanceof Connection) return origin.writer;
  return origin instanceof OnBehalf ? origin.writer : null;
}

/** True for a change made on this node (a peer's socket, a command, the system), false for one another node stored. */
export function madeHere(origin: unknown): boolean {
  return origin instanceof Connection || origin instanceof OnBehalf || origin === SYSTEM;
}

interface Pending {
  update: Uint8Array;
  origin: unknown;
}

/** A change waiting to be judged under the sheet's lock (cluster only). */
interface Submission {
  writer: Writer;
  update: Uint8Array;
  origin: Connection | OnBehalf;
  settle: (refusal: Refusal | null) => void;
  fail: (err: unknown) => void;
}

/**
 * One open sheet: its document in memory, the connections editing it, and the write path. Every
 * change, from a peer's socket or from a command, is judged by the guard (`guard.ts`) and stored
 * before any peer sees it (`write-queue.ts`); presence is `presence.ts`, and with a cluster
 * channel (several nodes, CLUSTER.md) the room is one of several copies of the sheet, judged
 * under the sheet's exclusive lock in the store after catching up (`catchup.ts`).
 */
export class Room {
  readonly doc: Y.Doc;
  readonly presence: Presence;
  readonly connections = new Set<Connection>();
  private readonly queue: WriteQueue;
  private readonly log: CatchUp;
  /** Changes waiting to be judged under the sheet's lock (cluster only). */
  private incoming: Submission[] = [];
  private pending: Pending[] = [];
  private flushScheduled = false;
  private summaryDirty = false;
  private storeFailed = false;

  constructor(
    readonly sheetId: string,
    stored: { doc: Y.Doc; throughId: number; logLength: number },
    private readonly store: Store,
    private readonly options: RoomOptions,
    private readonly logger: Logger,
    private readonly channel: SheetChannel | null = null,
    private readonly metrics: SyncMetrics = noSyncMetrics,
    private readonly listeners: readonly RoomListener[] = [],
  ) {
    this.doc = stored.doc;
    this.queue = new WriteQueue(
      () => this.pending.length > 0 || this.incoming.length > 0,
      (err) => this.logger.error('sync.room.task_failed', { sheetId: this.sheetId, error: String(err) }),
    );
    this.log = new CatchUp(sheetId, this.doc, store, this.queue, channel !== null, stored.throughId, stored.logLength);
    this.presence = new Presence(this.doc, (frame) => this.sendAll(frame), channel && ((update) => channel.publishAwareness(update)));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_LOG) this.sendAll(updateFrame(update));
      else this.enqueue(update, origin);
    });
    const summarized = ['meta', 'recipients', 'control', 'tasks', 'feedback'].map((name) => this.doc.share.get(name));
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      for (const type of tr.changedParentTypes.keys()) if (summarized.includes(type)) this.summaryDirty = true;
      for (const listener of this.listeners) {
        const after = listener.applied(this.sheetId, tr);
        if (after) this.afterStored(after);
      }
    });
    // A log left long (a crash before compaction) is compacted now, so the next open is short.
    if (stored.logLength >= options.compactAfterUpdates) this.queue.schedule(() => this.compact());
  }

  /**
   * Loads a sheet's document from the store: the snapshot, then the log after it, applied in one
   * transaction (`Y.mergeUpdates` first would be quadratic in the log: 10,000 keystrokes took
   * 2.7 s to merge and 70 ms to apply; BENCHMARKS.md, cold open).
   * With a cluster, listens to the other nodes first, then catches up with what they stored
   * between the load and the room's first message, and asks for their presence. A sheet from
   * before order keys is migrated before anyone joins (`migrate`).
   */
  static async open(
    sheetId: string,
    store: Store,
    options: RoomOptions,
    logger: Logger,
    cluster?: { openSheet(sheetId: string, listener: SheetListener): Promise<SheetChannel> } | null,
    metrics: SyncMetrics = noSyncMetrics,
    listeners: readonly RoomListener[] = [],
  ): Promise<Room> {
    let room: Room | undefined;
    const channel = cluster
      ? await cluster.openSheet(sheetId, {
          remoteUpdates: (_node, prev, last, updates) => room?.log.remoteUpdates(prev, last, updates),
          remoteAwareness: (node, update) => room?.presence.fromNode(node, update),
          awarenessWanted: () => room?.presence.tellNodes(),
        })
      : null;
    try {
      const stored = await store.updates.load(sheetId);
      const doc = new Y.Doc({ gc: true });
      applyAll(doc, stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates);
      typeSections(doc);
      room = new Room(sheetId, { doc, throughId: stored.throughId, logLength: stored.updates.length }, store, options, logger, channel, metrics, listeners);
    } catch (err) {
      channel?.close();
      throw err;
    }
    if (channel) {
      void room.catchUp();
      channel.askAwareness();
    }
    try {
      await room.migrate();
    } catch (err) {
      channel?.close();
      throw err;
    }
    return room;
  }

  /**
   * Gives rows written before order keys their key (GUARD.md O2) as the system's change, after
   * catching up with what other nodes stored, so a node never re-keys rows another node already
   * keyed (and someone moved since). Nothing to do, and nothing written, once every row has one.
   */
  private async migrate(): Promise<void> {
    if (!needsRowOrder(this.doc)) return;
    await this.catchUp();
    if (needsRowOrder(this.doc)) await this.changeAsSystem(migrateRowOrder);
  }

  get awareness() {
    return this.presence.awareness;
  }

  /** Adds a connection and starts the sync handshake with it. */
  join(conn: Connection): void {
    this.connections.add(conn);
    // The state sent to a newcomer must already be durable: queue it behind pending writes.
    this.queue.afterDurable(() => {
      conn.send(step1Frame(Y.encodeStateVector(this.doc)));
      if (this.awareness.getStates().size) conn.send(this.presence.everyone());
    });
  }

  /** Removes a connection and the presence it introduced. */
  leave(conn: Connection): void {
    if (this.connections.delete(conn)) this.presence.leave(conn);
  }

  /** A peer asks for what it lacks. */
  answerStep1(conn: Connection, stateVector: Uint8Array): void {
    this.queue.afterDurable(() => conn.send(step2Frame(Y.encodeStateAsUpdate(this.doc, stateVector))));
  }

  /**
   * An update from a peer's socket, judged by the guard in the connection's name. A refused
   * update is not applied, stored or forwarded; the sender is disconnected with the reason and
   * resynchronises from the server's state (G4).
   */
  receiveUpdate(conn: Connection, update: Uint8Array): void {
    void this.submit(conn.writer, update, conn).then((refusal) => refusal && conn.refuse(refusal.reason, refusal.detail));
  }

  /**
   * A change a command makes in a person's name (HTTP): `fn` writes into a copy of the document,
   * and what it wrote is judged by the guard exactly as the same update from that person's
   * socket would be. Resolves once the change is stored; a refusal throws the matching HTTP
   * error (`REFUSAL_ERROR`), with nothing applied.
   */
  async changeAs(writer: Writer, fn: (doc: Y.Doc) => void): Promise<void> {
    const update = this.draft(fn);
    if (!update) return;
    const refusal = await this.submit(writer, update, new OnBehalf(writer));
    if (refusal) {
      this.logger.warn('sync.refused', { sheetId: this.sheetId, userId: writer.userId, role: writer.role, entry: writer.entry, reason: refusal.reason, detail: refusal.detail });
      this.metrics.refused(refusal.reason);
      throw refusalError(refusal);
    }
    await this.durable();
  }

  /**
   * A change that is nobody's (control written by checked lock and stage commands, repairs,
   * migrations): applied as is, then awaited until durable. Never for what a person asked to write.
   */
  async changeAsSystem(fn: (doc: Y.Doc) => void): Promise<void> {
    this.doc.transact(() => fn(this.doc), SYSTEM);
    await this.durable();
  }

  /** Applies what other nodes stored since this room last read the log (nothing to do on a single node). */
  catchUp(): Promise<void> {
    return this.log.catchUp();
  }

  /**
   * After Redis came back: catch up, then tell the other nodes how far the log goes (an empty
   * message they see as a gap if they missed what this node published) and who is here.
   */
  rejoin(): void {
    void this.catchUp().then(() => {
      this.channel?.publishUpdates(this.log.throughId, this.log.throughId, []);
      this.presence.tellNodes();
      this.channel?.askAwareness();
    });
  }

  /** Resolves once everything applied so far is stored and sent; rejects if the store refused a write. */
  async durable(): Promise<void> {
    await this.queue.drained();
    if (this.storeFailed) throw new Error(`the store refused a write of sheet ${this.sheetId}`);
  }

  /**
   * True once the store refused a write: the document then holds updates the store lacks, so
   * the room must be dropped and reloaded, and peers resend their updates on reconnect.
   */
  get failed(): boolean {
    return this.storeFailed;
  }

  /** Stores what is left and compacts the log; the room must not be used afterwards. */
  async unload(): Promise<void> {
    this.channel?.close();
    for (const conn of this.connections) conn.close('shuttingDown');
    await this.queue.drained();
    if (!this.storeFailed && this.log.logLength > 1) await this.compact();
    await this.writeSummary();
    this.presence.destroy();
    this.doc.destroy();
  }

  /** What `fn` writes into a copy of the document, as one update; null when it writes nothing. */
  private draft(fn: (doc: Y.Doc) => void): Uint8Array | null {
    // A fresh client id per draft: drafts waiting to be judged never share ids (nor with the room's own).
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
    typeSections(copy);
    let update: Uint8Array | null = null;
    copy.on('update', (u: Uint8Array) => (update = u));
    try {
      copy.transact(() => fn(copy));
    } finally {
      copy.destroy();
    }
    return update;
  }

  /**
   * Judges a change and applies it unless refused; resolves with the refusal, or null. With
   * several nodes it waits to be judged under the sheet's lock, against all they stored (N2).
   */
  private submit(writer: Writer, update: Uint8Array, origin: Connection | OnBehalf): Promise<Refusal | null> {
    if (!this.channel) return Promise.resolve(this.admit(writer, update, origin));
    return new Promise((settle, fail) => {
      this.incoming.push({ writer, update, origin, settle, fail });
      this.requestFlush();
    });
  }

  private admit(writer: Writer, update: Uint8Array, origin: Connection | OnBehalf): Refusal | null {
    // Nothing a peer sent after a refusal is judged: its socket is closing.
    if (origin instanceof Connection && origin.refused) return null;
    const refusal = judgeUpdate(this.doc, writer, update);
    if (!refusal) Y.applyUpdate(this.doc, update, origin);
    return refusal;
  }

  private enqueue(update: Uint8Array, origin: unknown): void {
    this.metrics.updateApplied(origin instanceof Connection ? 'peer' : 'server');
    this.pending.push({ update, origin });
    this.requestFlush();
  }

  private requestFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.queue.schedule(() => this.flush());
  }

  /** Runs a listener's follow-up once the change it read is stored; never if the store refused it. */
  private afterStored(after: () => Promise<void>): void {
    // On the chain, not `afterDurable`: a transaction's update is queued only after `afterTransaction`.
    this.queue.schedule(() =>
      this.queue.whenStored(() => {
        if (!this.storeFailed) void after().catch((err: unknown) => this.logger.error('room.listener.failed', { sheetId: this.sheetId, error: String(err) }));
      }),
    );
  }

  private sendAll(frame: Uint8Array): void {
    for (const conn of this.connections) conn.send(frame);
  }

  /** Takes the updates to store next; updates applied from now on go into the next flush. */
  private takePending(): Pending[] {
    const batch = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    return batch;
  }

  private async flush(): Promise<void> {
    let batch: Pending[] = [];
    let prev = this.log.throughId;
    try {
      if (this.channel) {
        let stored: { batch: Pending[]; prev: number } | null;
        // Behind a compaction: load the snapshot without holding the lock (and its connection), then retry.
        while (!(stored = await this.flushUnderLock())) await this.log.readStoredLog();
        ({ batch, prev } = stored);
      } else {
        batch = this.takePending();
        this.log.appended(await this.store.updates.append(this.sheetId, batch.map((p) => p.update)), batch.length);
      }
    } catch (err) {
      // Not stored means not seen: nobody receives these updates. Peers resend on reconnect.
      this.storeFailed = true;
      this.logger.error('sync.room.append_failed', { sheetId: this.sheetId, error: String(err) });
      for (const sub of this.incoming.splice(0)) sub.fail(err);
      for (const conn of this.connections) conn.close('shuttingDown');
      return;
    }
    if (batch.length) this.channel?.publishUpdates(prev, this.log.throughId, batch.map((p) => p.update));
    for (const { update, origin } of batch) {
      const frame = updateFrame(update);
      for (const conn of this.connections) if (conn !== origin) conn.send(frame);
    }
    if (this.log.logLength >= this.options.compactAfterUpdates) await this.compact();
    if (this.summaryDirty) await this.writeSummary();
  }

  /**
   * Under the sheet's lock: what other nodes stored first, then the guard on what was submitted,
   * then the append. Null, with nothing judged, when the room is behind a compaction.
   */
  private flushUnderLock(): Promise<{ batch: Pending[]; prev: number } | null> {
    return this.store.updates.exclusive(this.sheetId, async (log) => {
      try {
        this.log.applyEntries(await log.since(this.log.throughId));
      } catch (err) {
        if (err instanceof CompactedLogError) return null;
        throw err;
      }
      for (const { writer, update, origin, settle } of this.incoming.splice(0)) settle(this.admit(writer, update, origin));
      const batch = this.takePending();
      const prev = this.log.throughId;
      if (batch.length) this.log.appended(await log.append(batch.map((p) => p.update)), batch.length);
      return { batch, prev };
    });
  }

  private async compact(): Promise<void> {
    await this.store.updates.compact(this.sheetId, Y.encodeStateAsUpdate(this.doc), this.log.throughId);
    this.log.logLength = 0;
  }

  private async writeSummary(): Promise<void> {
    if (!this.summaryDirty) return;
    this.summaryDirty = false;
    const summary = summarize(this.doc);
    await this.store.sheets.updateSummary(this.sheetId, summary);
    await this.store.tasks.replaceForSheet(this.sheetId, indexTasks(this.sheetId, this.doc, summary));
    // Raising a sheet to 秘密 or 机密 ends its read-only links, whoever raised it and however.
    if (RESTRICTED_CONFIDENTIALITIES.includes(summary.confidentiality)) {
      const revoked = await this.store.shareLinks.revokeAllForSheet(this.sheetId);
      if (revoked) this.logger.info('share.revoked_on_confidentiality', { sheetId: this.sheetId, revoked });
    }
  }
}
