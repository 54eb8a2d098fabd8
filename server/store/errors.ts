/**
 * `since(afterId)` was asked for entries that a compaction already folded into the snapshot
 * (`afterId` is before the snapshot's `throughId`): the reader is too far behind to catch up
 * entry by entry and must `load` the snapshot instead.
 */
export class CompactedLogError extends Error {
  constructor(
    readonly sheetId: string,
    readonly afterId: number,
    readonly throughId: number,
  ) {
    super(`the log of sheet ${sheetId} is compacted through ${throughId}; entries after ${afterId} are in the snapshot`);
    this.name = 'CompactedLogError';
  }
}
