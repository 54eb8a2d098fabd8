import type { SyncCloseReason } from '../../lib/sync/close';

/**
 * What the sync server reports for monitoring. The server only calls these hooks; counting and
 * exposing them (Prometheus, `server/ops/metrics.ts`) is not its business.
 */
export interface SyncMetrics {
  /** An update was applied to a room's document: from a peer past the guard, or by the server itself. */
  updateApplied(origin: 'peer' | 'server'): void;
  /** The guard refused what a peer sent and closed it with this reason. */
  refused(reason: SyncCloseReason): void;
}

/** Reports nothing. */
export const noSyncMetrics: SyncMetrics = { updateApplied() {}, refused() {} };
