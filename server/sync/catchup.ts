import * as Y from 'yjs';
import { CompactedLogError } from '../store/errors';
import type { LogEntry, Store } from '../store/types';
import type { WriteQueue } from './write-queue';

/** Origin of changes read from the shared log (written by another node): already stored, only forwarded. */
export const FROM_LOG = Symbol('from the log');

/** Applies stored updates in order in one transaction: linear in their number, unlike `Y.mergeUpdates`. */
export function applyAll(doc: Y.Doc, updates: Uint8Array[], origin: unknown = null): void {
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  }, origin);
}

/**
 * Where a room's document stands in the sheet's update log, and how it catches up with what
 * other nodes stored (GUARD.md N2, N5; CLUSTER.md). On a single node nothing is stored by
 * anyone else, so catching up is a no-op.
 */
export class CatchUp {
  private scheduled = false;

  /**
   * @param throughId id of the last log entry the document holds, with every entry before it.
   * @param logLength entries in the log after the snapshot (compaction is due past a bound).
   */
  constructor(
    private readonly sheetId: string,
    private readonly doc: Y.Doc,
    private readonly store: Store,
    private readonly queue: WriteQueue,
    private readonly clustered: boolean,
    public throughId: number,
    public logLength: number,
  ) {}

  /** Applies what other nodes stored since the document last read the log. */
  catchUp(): Promise<void> {
    if (!this.clustered) return Promise.resolve();
    if (this.scheduled) return this.queue.drained();
    this.scheduled = true;
    return new Promise((resolve) =>
      this.queue.schedule(async () => {
        this.scheduled = false;
        try {
          await this.readStoredLog();
        } finally {
          resolve();
        }
      }),
    );
  }

  /**
   * Updates another node stored (log ids after `prev` through `last`; none when it only says how
   * far the log goes), published after they were stored. Applied at once when they follow what
   * the document holds; otherwise a message was missed or overtaken, and the log is read.
   */
  remoteUpdates(prev: number, last: number, updates: Uint8Array[]): void {
    if (last <= this.throughId) return;
    if (prev !== this.throughId) return void this.catchUp();
    this.applyStored(updates, last);
  }

  /** Reads the log after what the document holds and applies it; a document behind a compaction loads the snapshot. */
  async readStoredLog(): Promise<void> {
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
  applyEntries(entries: LogEntry[]): void {
    const fresh = entries.filter((e) => e.id > this.throughId);
    if (fresh.length) this.applyStored(fresh.map((e) => e.data), fresh[fresh.length - 1].id);
  }

  /** This room appended `count` entries, the last with id `throughId`. */
  appended(throughId: number, count: number): void {
    this.throughId = throughId;
    this.logLength += count;
  }

  /**
   * Applies updates other nodes stored, through log id `throughId` (`entries` log entries), in
   * one transaction: this node's peers receive them as one update, and they are not stored again.
   */
  private applyStored(updates: Uint8Array[], throughId: number, entries = updates.length): void {
    if (throughId <= this.throughId) return;
    applyAll(this.doc, updates, FROM_LOG);
    this.appended(throughId, entries);
  }
}
