import type WebSocket from 'ws';
import { LIMITS } from '../../lib/limits';
import type { Role } from '../../lib/policies/roles';
import { SyncClose, type SyncCloseReason } from '../../lib/sync/close';
import type { Logger } from '../log';
import type { Writer } from './guard';
import type { Identity } from './identity';
import type { SyncMetrics } from './metrics';

// A peer that cannot keep up is cut off rather than buffered without bound.
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class RateBucket {
  private tokens: number;
  private at = performance.now();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.tokens = burst;
  }

  /** Spends one token; false when none is left. */
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One WebSocket of one authenticated person on one sheet. */
export class Connection {
  /** Awareness client ids this connection introduced (one, P1); removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  /** R1: document messages (updates, sync steps, presence queries) this socket may still send. */
  readonly messageRate = new RateBucket(LIMITS.syncBurst, LIMITS.syncPerSecond);
  /** R2: changes of its own presence this socket may still send; echoes of others' are not counted. */
  readonly presenceRate = new RateBucket(LIMITS.syncBurst, LIMITS.syncPerSecond);
  closed = false;
  /** Set once the server refused something this peer sent: nothing it sent after is judged. */
  refused = false;
  alive = true;

  constructor(
    private readonly ws: WebSocket,
    readonly sheetId: string,
    readonly identity: Identity,
    readonly role: Role,
    private readonly log: Logger,
    private readonly metrics: SyncMetrics,
  ) {}

  get userId(): string {
    return this.identity.id;
  }

  /** The writer the guard judges this socket's updates as. */
  get writer(): Writer {
    return { userId: this.identity.id, name: this.identity.name, role: this.role, entry: 'socket' };
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn('sync.peer.too_slow', { sheetId: this.sheetId, userId: this.userId });
      this.closed = true;
      this.ws.terminate();
      return;
    }
    this.ws.send(frame);
  }

  /** Refuses what the peer sent: logged, and the socket closed with the reason's code. */
  refuse(reason: SyncCloseReason, detail: string): void {
    this.log.warn('sync.refused', { sheetId: this.sheetId, userId: this.userId, role: this.role, reason, detail });
    this.metrics.refused(reason);
    this.refused = true;
    this.close(reason);
  }

  close(reason: SyncCloseReason): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(SyncClose[reason], reason);
  }
}
