import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { z } from 'zod';
import { THREAD_ENTRY_FIELDS, THREAD_FIELDS, THREAD_LISTS } from '../../lib/sheet/comments';
import { META_FIELDS, RESTRICTED_CONFIDENTIALITIES, ROW_FIELDS, type RowSection } from '../../lib/sheet/fields';
import type { Lock, Section } from '../../lib/sheet/layout';
import { roleAtLeast } from '../../lib/policies/roles';
import { writableSections } from '../../lib/policies/sheet';
import { threadOnlyBy, typeSections } from '../../lib/sheet/doc';
import { SyncClose } from '../../lib/sync/close';
import type { Logger } from '../log';
import { CompactedLogError } from '../store/errors';
import type { LogEntry, Store } from '../store/types';
import type { SheetChannel, SheetListener } from './cluster';
import { Connection } from './connection';
import { readAwarenessEntries, stampAwareness, writeAwarenessEntries } from './identity';
import { noSyncMetrics, type SyncMetrics } from './metrics';
import { inspectUpdate, type MapEntry, type RowInsert, type Touch } from './inspect';
import { awarenessFrame, step1Frame, step2Frame, updateFrame } from './protocol';
import { indexTasks, summarize } from './summary';

/** Tunables of a room; every value has a unit. */
export interface RoomOptions {
  /** Compact the update log into a snapshot once it holds this many entries. */
  compactAfterUpdates: number;
}

/** Applies stored updates in order in one transaction: linear in their number, unlike `Y.mergeUpdates`. */
function applyAll(doc: Y.Doc, updates: Uint8Array[], origin: unknown = null): void {
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  }, origin);
}

/**
 * Told about every change applied to a room's document, e.g. to notify people mentioned or given
 * a task. Whatever `applied` returns runs once the change is stored; a failure is logged.
 */
export interface RoomListener {
  /** Reads a transaction as it is applied (what it deleted is still readable); must not write to the document. */
  applied(sheetId: string, tr: Y.Transaction): (() => Promise<void>) | null;
}

/** Why an update is refused: a close reason and a detail for the log. */
interface Refusal {
  reason: keyof typeof SyncClose;
  detail: string;
}

interface Pending {
  update: Uint8Array;
  origin: unknown;
}

/** Origin of changes read from the shared log (written by another node): already stored, only forwarded. */
const FROM_LOG = Symbol('from the log');
/** Origin of presence heard from another node: forwarded to this node's peers, never published back. */
const FROM_NODE = Symbol('from another node');

/**
 * One open sheet: its document in memory, the connections editing it, their presence, and the
 * write path. Every change, from a peer or from the server, is stored before any peer sees it.
 *
 * With a cluster channel (several nodes, CLUSTER.md) the room is one of several copies of the
 * sheet: updates from peers are judged under the sheet's exclusive lock in the store, after
 * catching up with what other nodes stored, and what is stored is published to the other nodes.
 */
export class Room implements SheetListener {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  /** Which connection introduced each awareness client id; others may not speak for it. */
  private readonly awarenessOwners = new Map<number, Connection>();
  /** Which other node introduced each awareness client id (cluster only). */
  private readonly remotePresence = new Map<number, string>();
  /** Updates from peers waiting to be judged under the sheet's lock (cluster only). */
  private incoming: Array<{ conn: Connection; update: Uint8Array }> = [];
  private pending: Pending[] = [];
  /** Durable work in order: appends, then the sends that must follow them. */
  private chain: Promise<void> = Promise.resolve();
  /** Tasks on the chain not yet finished. */
  private queued = 0;
  private flushScheduled = false;
  private catchUpScheduled = false;
  /** Id of the last log entry the document holds, with every entry before it. */
  private throughId: number;
  private logLength: number;
  private summaryDirty = false;
  private storeFailed = false;

  constructor(
    readonly sheetId: string,
    stored: { doc: Y.Doc; throughId: number; logLength: number },
    private readonly store: Store,
    private readonly options: RoomOptions,
    private readonly log: Logger,
    private readonly channel: SheetChannel | null = null,
    private readonly metrics: SyncMetrics = noSyncMetrics,
    private readonly listeners: readonly RoomListener[] = [],
  ) {
    this.doc = stored.doc;
    this.throughId = stored.throughId;
    this.logLength = stored.logLength;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
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
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, added.concat(updated, removed));
      this.sendAll(awarenessFrame(update));
      // The presence of this node's peers (their own, or removed as they leave) goes to the other nodes.
      if (origin instanceof Connection) this.channel?.publishAwareness(update);
    });
    // A log left long (a crash before compaction) is compacted now, so the next open is short.
    if (this.logLength >= options.compactAfterUpdates) this.schedule(() => this.compact());
  }

  /**
   * Loads a sheet's document from the store: the snapshot, then the log after it, applied in one
   * transaction (`Y.mergeUpdates` first would be quadratic in the log: 10,000 keystrokes took
   * 2.7 s to merge and 70 ms to apply; BENCHMARKS.md, cold open).
   * With a cluster, listens to the other nodes first, then catches up with what they stored
   * between the load and the room's first message, and asks for their presence.
   */
  static async open(
    sheetId: string,
    store: Store,
    options: RoomOptions,
    log: Logger,
    cluster?: { openSheet(sheetId: string, listener: SheetListener): Promise<SheetChannel> } | null,
    metrics: SyncMetrics = noSyncMetrics,
    listeners: readonly RoomListener[] = [],
  ): Promise<Room> {
    let room: Room | undefined;
    const channel = cluster
      ? await cluster.openSheet(sheetId, {
          remoteUpdates: (...args) => room?.remoteUpdates(...args),
          remoteAwareness: (...args) => room?.remoteAwareness(...args),
          awarenessWanted: () => room?.awarenessWanted(),
        })
      : null;
    try {
      const stored = await store.updates.load(sheetId);
      const doc = new Y.Doc({ gc: true });
      applyAll(doc, stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates);
      typeSections(doc);
      room = new Room(sheetId, { doc, throughId: stored.throughId, logLength: stored.updates.length }, store, options, log, channel, metrics, listeners);
    } catch (err) {
      channel?.close();
      throw err;
    }
    if (channel) {
      void room.catchUp();
      channel.askAwareness();
    }
    return room;
  }

  /** Adds a connection and starts the sync handshake with it. */
  join(conn: Connection): void {
    this.connections.add(conn);
    // The state sent to a newcomer must already be durable: queue it behind pending writes.
    this.afterDurable(() => {
      conn.send(step1Frame(Y.encodeStateVector(this.doc)));
      const states = Array.from(this.awareness.getStates().keys());
      if (states.length) conn.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    });
  }

  /** Removes a connection and the presence it introduced. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    const ids = Array.from(conn.awarenessIds);
    for (const id of ids) if (this.awarenessOwners.get(id) === conn) this.awarenessOwners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, conn);
  }

  /** A peer asks for what it lacks. */
  answerStep1(conn: Connection, stateVector: Uint8Array): void {
    this.afterDurable(() => conn.send(step2Frame(Y.encodeStateAsUpdate(this.doc, stateVector))));
  }

  /**
   * The guard: an update from a peer is applied only if every section it changes is writable by
   * the connection's role. A refused update is not applied, stored or forwarded; the sender is
   * disconnected with the reason and resynchronises from the server's state.
   */
  receiveUpdate(conn: Connection, update: Uint8Array): void {
    if (!this.channel) return this.admit(conn, update);
    // Several nodes write this sheet: judge it under the sheet's lock, against all they stored.
    this.incoming.push({ conn, update });
    this.requestFlush();
  }

  private admit(conn: Connection, update: Uint8Array): void {
    const inspection = inspectUpdate(this.doc, update);
    if (!inspection.ok) return conn.refuse('malformed', inspection.problem);
    const refusal =
      this.refusalFor(conn, inspection.sections) ??
      this.valueRefusal(conn, inspection) ??
      this.commentRefusal(conn, inspection) ??
      this.lockRefusal(conn, inspection.touches);
    if (refusal) return conn.refuse(refusal.reason, refusal.detail);
    Y.applyUpdate(this.doc, update, conn);
  }

  private refusalFor(conn: Connection, sections: ReadonlySet<Section>): Refusal | null {
    const writable = writableSections(conn.role);
    for (const section of sections) {
      if (section === 'control') return { reason: 'controlWrite', detail: 'control is written only by the server' };
    }
    if (sections.size > 0 && this.doc.getMap('control').get('stage') === 'archived') {
      return { reason: 'archived', detail: 'the sheet is archived' };
    }
    for (const section of sections) {
      if (!writable.has(section)) return { reason: 'forbiddenSection', detail: `${conn.role} may not write ${section}` };
    }
    return null;
  }

  /**
   * Values (GUARD.md V1-V4): every field of `meta` and of a row holds a value of its kind, never a
   * nested type, and rows are maps; the confidentiality level, which decides who may see and share
   * the sheet, is the facilitator's to change; a progress note is written in its author's name
   * and changed or removed by its author only.
   */
  private valueRefusal(conn: Connection, inspection: { entries: readonly MapEntry[]; rows: readonly RowInsert[]; touches: readonly Touch[] }): Refusal | null {
    const invalid = (what: string): Refusal => ({ reason: 'invalidValue', detail: `${what} holds an invalid value` });
    for (const row of inspection.rows) if (!row.isMap) return invalid(`a row of ${row.section}`);
    for (const entry of inspection.entries) {
      const fields: Record<string, z.ZodType> | undefined = entry.row ? ROW_FIELDS[entry.section as RowSection] : entry.section === 'meta' ? META_FIELDS : undefined;
      const schema = fields?.[entry.key];
      if (!schema) continue;
      if (entry.type || !schema.safeParse(entry.value).success) return invalid(`${entry.section}.${entry.key}`);
      if (entry.section === 'meta' && entry.key === 'confidentiality' && conn.role !== 'facilitator') {
        return { reason: 'forbiddenSection', detail: 'only the facilitator changes the confidentiality level' };
      }
      if (entry.section === 'feedback' && ((entry.key === 'authorId' && entry.value !== conn.userId) || (entry.key === 'author' && entry.value !== conn.identity.name))) {
        return { reason: 'forbiddenSection', detail: 'progress notes are written in their author’s own name' };
      }
    }
    for (const row of inspection.rows) {
      const signed = inspection.entries.some((e) => e.row && Y.compareIDs(e.row, row.item) && e.key === 'authorId');
      if (row.section === 'feedback' && !signed) return { reason: 'forbiddenSection', detail: 'a progress note needs its author' };
    }
    for (const touch of inspection.touches) {
      if (touch.section !== 'feedback' || !touch.row) continue;
      const stored = this.storedMap(touch.row.item);
      if (stored && stored.get('authorId') !== conn.userId) return { reason: 'forbiddenSection', detail: 'only its author changes a progress note' };
    }
    return null;
  }

  /**
   * Comments (GUARD.md C1-C4): threads and their entries (messages, positions, solutions) are
   * written in their author's own name; a thread's fields change by its author (who may resolve
   * it without edit rights) or by an editor; an entry changes by its author only; a thread or an
   * entry is removed by its author or the facilitator.
   */
  private commentRefusal(conn: Connection, inspection: { entries: readonly MapEntry[]; touches: readonly Touch[] }): Refusal | null {
    const forbidden = (detail: string): Refusal => ({ reason: 'forbiddenSection', detail });
    const invalid = (what: string): Refusal => ({ reason: 'invalidValue', detail: `${what} holds an invalid value` });
    const entries = inspection.entries.filter((e) => e.section === 'comments');
    for (const entry of entries) {
      const depth = entry.chain.length;
      if (depth === 0 && !entry.type) return invalid('a comment thread');
      if (depth === 1) {
        if ((THREAD_LISTS as readonly string[]).includes(entry.key)) {
          if (!entry.type) return invalid(`thread.${entry.key}`);
          continue;
        }
        const schema: z.ZodType | undefined = THREAD_FIELDS[entry.key as keyof typeof THREAD_FIELDS];
        if (!schema || entry.type || !schema.safeParse(entry.value).success) return invalid(`thread.${entry.key}`);
        const signature = entry.key === 'createdBy' ? conn.userId : entry.key === 'createdByName' ? conn.identity.name : undefined;
        if (signature !== undefined && (this.storedMap(entry.chain[0].item) || entry.value !== signature)) return forbidden('a thread is opened in its author’s own name');
      }
      if (depth === 2) return invalid('a thread list entry');
      if (depth === 3) {
        const schema: z.ZodType | undefined = THREAD_ENTRY_FIELDS[entry.key as keyof typeof THREAD_ENTRY_FIELDS];
        if (!schema || entry.type || !schema.safeParse(entry.value).success) return invalid(`comment.${entry.key}`);
        if ((entry.key === 'authorId' && entry.value !== conn.userId) || (entry.key === 'author' && entry.value !== conn.identity.name)) {
          return forbidden('a comment is written in its author’s own name');
        }
      }
      if (depth > 3) return invalid('a comment');
    }
    const signed = (item: Y.ID, depth: number, key: string) => entries.some((e) => e.chain.length === depth && Y.compareIDs(e.chain[depth - 1].item, item) && e.key === key);
    // Removing a thread or an entry removes what is inside it: that is judged at the level removed.
    const key = (id: Y.ID) => `${id.client}:${id.clock}`;
    const gone = new Set(inspection.touches.filter((t) => t.section === 'comments' && t.deleted).map((t) => key(t.deleted!)));
    for (const touch of inspection.touches) {
      if (touch.section !== 'comments') continue;
      if (touch.deleted && touch.chain.some((link) => gone.has(key(link.item)))) continue;
      const depth = touch.chain.length;
      const moderator = conn.role === 'facilitator';
      if (depth === 0 || depth === 2) {
        if (touch.deleted) {
          const removed = this.storedMap(touch.deleted);
          const owner = removed?.get(depth === 0 ? 'createdBy' : 'authorId');
          if (removed && owner !== conn.userId && !moderator) return forbidden('only its author or the facilitator removes a comment');
          if (removed && depth === 0 && !moderator && !threadOnlyBy(removed, conn.userId)) return forbidden('a thread with others’ replies is removed by the facilitator');
        } else if (touch.item && !signed(touch.item, depth + 1, depth === 0 ? 'createdBy' : 'authorId')) {
          return forbidden('a comment needs its author');
        }
      } else if (depth === 1) {
        const thread = this.storedMap(touch.chain[0].item);
        if (thread && thread.get('createdBy') !== conn.userId && !roleAtLeast(conn.role, 'editor')) return forbidden('only its author or an editor changes a thread');
      } else {
        const entry = this.storedMap(touch.chain[2].item);
        if (entry && entry.get('authorId') !== conn.userId) return forbidden('only its author changes a comment');
      }
    }
    return null;
  }

  /**
   * Locks (GUARD.md L1-L4): nothing changes in a hard-locked section. In `tasks` a lock on the
   * table or on one row (`tasks/<taskId>`) freezes what was agreed, but a row's `status` stays
   * writable by its responsible person, so execution is tracked without unlocking the plan.
   * Warn-only locks are the editor's business: it asks before a change and the change is kept.
   */
  private lockRefusal(conn: Connection, touches: readonly Touch[]): Refusal | null {
    const locks = this.doc.getMap('control').get('locks');
    if (!(locks instanceof Y.Map) || locks.size === 0) return null;
    const hard = (target: string) => (locks.get(target) as Lock | undefined)?.mode === 'hard';
    for (const touch of touches) {
      if (touch.section !== 'tasks') {
        if (hard(touch.section)) return { reason: 'locked', detail: `${touch.section} is locked` };
        continue;
      }
      const row = touch.row ? this.storedMap(touch.row.item) : null;
      const rowLocked = hard('tasks') || (row !== null && hard(`tasks/${String(row.get('id'))}`));
      if (!rowLocked) continue;
      const statusByResponsible = row !== null && touch.row?.field === 'status' && row.get('personId') === conn.userId;
      if (!statusByResponsible) return { reason: 'locked', detail: row ? `task ${String(row.get('id'))} is locked` : 'the tasks table is locked' };
    }
    return null;
  }

  /** The stored map (a row, a comment thread or entry) whose item has this id, or null for one new in the update. */
  private storedMap(id: Y.ID): Y.Map<unknown> | null {
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    const item = Y.getItem(this.doc.store, id);
    return item instanceof Y.Item && item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? item.content.type : null;
  }

  /** Presence from a peer, stamped with the identity the server authenticated. */
  receiveAwareness(conn: Connection, update: Uint8Array): void {
    const stamped = stampAwareness(update, conn.identity, (id, clock) => {
      const owner = this.awarenessOwners.get(id);
      if (owner !== undefined) return owner === conn;
      // P1: one client id per connection, taken with a state newer than any seen for it (not the echo of a peer gone).
      return conn.awarenessIds.size === 0 && !this.remotePresence.has(id) && clock > (this.awareness.meta.get(id)?.clock ?? -1);
    });
    if (!stamped) return;
    if (!conn.presenceRate.take()) return conn.refuse('tooFast', 'presence changes beyond the allowance (R2)');
    for (const id of stamped.clientIds) {
      this.awarenessOwners.set(id, conn);
      conn.awarenessIds.add(id);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, conn);
  }

  /** Sends every current presence state to a peer that asked. */
  answerQueryAwareness(conn: Connection): void {
    const states = Array.from(this.awareness.getStates().keys());
    conn.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  /** Presence of people connected to another node; client ids of this node's peers are theirs alone. */
  remoteAwareness(node: string, update: Uint8Array): void {
    const entries = readAwarenessEntries(update).filter((e) => !this.awarenessOwners.has(e.clientId));
    if (entries.length === 0) return;
    for (const e of entries) {
      if (e.state === 'null') this.remotePresence.delete(e.clientId);
      else this.remotePresence.set(e.clientId, node);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, writeAwarenessEntries(entries), FROM_NODE);
  }

  /** A node opened this sheet: it is told the presence of this node's peers. */
  awarenessWanted(): void {
    const ids = Array.from(this.awarenessOwners.keys()).filter((id) => this.awareness.getStates().has(id));
    if (ids.length) this.channel?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  /** A node left or died: the presence of its peers goes. */
  forgetNode(node: string): void {
    const ids = Array.from(this.remotePresence).filter(([, owner]) => owner === node).map(([id]) => id);
    for (const id of ids) this.remotePresence.delete(id);
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, FROM_NODE);
  }

  /**
   * After Redis came back: catch up, then tell the other nodes how far the log goes (an empty
   * message they see as a gap if they missed what this node published) and who is here.
   */
  rejoin(): void {
    void this.catchUp().then(() => {
      this.channel?.publishUpdates(this.throughId, this.throughId, []);
      this.awarenessWanted();
      this.channel?.askAwareness();
    });
  }

  /**
   * Updates another node stored (log ids after `prev` through `last`; none when it only says how
   * far the log goes), published after they were stored. Applied at once when they follow what
   * this room holds; otherwise a message was missed or overtaken, and the room reads the log.
   */
  remoteUpdates(_node: string, prev: number, last: number, updates: Uint8Array[]): void {
    if (last <= this.throughId) return;
    if (prev !== this.throughId) return void this.catchUp();
    this.applyStored(updates, last);
  }

  /** Applies what other nodes stored since this room last read the log (nothing to do on a single node). */
  catchUp(): Promise<void> {
    if (!this.channel) return Promise.resolve();
    if (this.catchUpScheduled) return this.drained();
    this.catchUpScheduled = true;
    return new Promise((resolve) =>
      this.schedule(async () => {
        this.catchUpScheduled = false;
        try {
          await this.readStoredLog();
        } finally {
          resolve();
        }
      }),
    );
  }

  /** Reads the log after what the document holds and applies it; a room behind a compaction loads the snapshot. */
  private async readStoredLog(): Promise<void> {
    try {
      this.applyEntries(await this.store.updates.since(this.sheetId, this.throughId));
    } catch (err) {
      if (!(err instanceof CompactedLogError)) throw err;
      const stored = await this.store.updates.load(this.sheetId);
      this.logLength = 0;
      this.applyStored(stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates, stored.throughId, stored.updates.length);
    }
  }

  /** Applies log entries the document does not hold yet. */
  private applyEntries(entries: LogEntry[]): void {
    const fresh = entries.filter((e) => e.id > this.throughId);
    if (fresh.length) this.applyStored(fresh.map((e) => e.data), fresh[fresh.length - 1].id);
  }

  /**
   * Applies updates other nodes stored, through log id `throughId` (`entries` log entries), in
   * one transaction: this node's peers receive them as one update, and they are not stored again.
   */
  private applyStored(updates: Uint8Array[], throughId: number, entries = updates.length): void {
    if (throughId <= this.throughId) return;
    applyAll(this.doc, updates, FROM_LOG);
    this.throughId = throughId;
    this.logLength += entries;
  }

  /** Applies a change made by the server itself (HTTP API), then waits until it is durable. */
  async change(fn: (doc: Y.Doc) => void): Promise<void> {
    this.doc.transact(() => fn(this.doc), 'server');
    await this.durable();
  }

  /** Resolves once everything applied so far is stored and sent; rejects if the store refused a write. */
  async durable(): Promise<void> {
    await this.drained();
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
    await this.drained();
    if (!this.storeFailed && this.logLength > 1) await this.compact();
    await this.writeSummary();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private enqueue(update: Uint8Array, origin: unknown): void {
    this.metrics.updateApplied(origin === 'server' ? 'server' : 'peer');
    this.pending.push({ update, origin });
    this.requestFlush();
  }

  private requestFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.schedule(() => this.flush());
  }

  /** Runs a listener's follow-up once the change it read is stored; never if the store refused it. */
  private afterStored(after: () => Promise<void>): void {
    // On the chain, not `afterDurable`: a transaction's update is queued only after `afterTransaction`.
    this.schedule(() =>
      this.whenStored(() => {
        if (!this.storeFailed) void after().catch((err: unknown) => this.log.error('room.listener.failed', { sheetId: this.sheetId, error: String(err) }));
      }),
    );
  }

  private sendAll(frame: Uint8Array): void {
    for (const conn of this.connections) conn.send(frame);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => this.afterDurable(resolve));
  }

  /** Runs `fn` once every update applied so far is stored: at once when nothing is queued. */
  private afterDurable(fn: () => void): void {
    if (this.queued === 0) fn();
    else this.schedule(() => this.whenStored(fn));
  }

  /**
   * On the chain: `fn` reads the document, which may already hold updates applied while it
   * waited; those are not stored yet, so it waits for their flush (queued ahead of it) too.
   */
  private whenStored(fn: () => void): void {
    if (this.pending.length > 0 || this.incoming.length > 0) this.schedule(() => this.whenStored(fn));
    else fn();
  }

  private schedule(task: () => void | Promise<void>): void {
    this.queued++;
    this.chain = this.chain
      .then(task)
      .catch((err: unknown) => this.log.error('sync.room.task_failed', { sheetId: this.sheetId, error: String(err) }))
      .finally(() => this.queued--);
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
    let prev = this.throughId;
    try {
      if (this.channel) {
        let stored: { batch: Pending[]; prev: number } | null;
        // Behind a compaction: load the snapshot without holding the lock (and its connection), then retry.
        while (!(stored = await this.flushUnderLock())) await this.readStoredLog();
        ({ batch, prev } = stored);
      } else {
        batch = this.takePending();
        this.throughId = await this.store.updates.append(this.sheetId, batch.map((p) => p.update));
      }
      this.logLength += batch.length;
    } catch (err) {
      // Not stored means not seen: nobody receives these updates. Peers resend on reconnect.
      this.storeFailed = true;
      this.log.error('sync.room.append_failed', { sheetId: this.sheetId, error: String(err) });
      for (const conn of this.connections) conn.close('shuttingDown');
      return;
    }
    if (batch.length) this.channel?.publishUpdates(prev, this.throughId, batch.map((p) => p.update));
    for (const { update, origin } of batch) {
      const frame = updateFrame(update);
      for (const conn of this.connections) if (conn !== origin) conn.send(frame);
    }
    if (this.logLength >= this.options.compactAfterUpdates) await this.compact();
    if (this.summaryDirty) await this.writeSummary();
  }

  /**
   * Under the sheet's lock: what other nodes stored first, then the guard on what peers sent,
   * then the append. Null, with nothing judged, when the room is behind a compaction.
   */
  private flushUnderLock(): Promise<{ batch: Pending[]; prev: number } | null> {
    return this.store.updates.exclusive(this.sheetId, async (log) => {
      try {
        this.applyEntries(await log.since(this.throughId));
      } catch (err) {
        if (err instanceof CompactedLogError) return null;
        throw err;
      }
      for (const { conn, update } of this.incoming.splice(0)) if (!conn.refused) this.admit(conn, update);
      const batch = this.takePending();
      const prev = this.throughId;
      if (batch.length) this.throughId = await log.append(batch.map((p) => p.update));
      return { batch, prev };
    });
  }

  private async compact(): Promise<void> {
    await this.store.updates.compact(this.sheetId, Y.encodeStateAsUpdate(this.doc), this.throughId);
    this.logLength = 0;
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
      if (revoked) this.log.info('share.revoked_on_confidentiality', { sheetId: this.sheetId, revoked });
    }
  }
}
