import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';

const MESSAGE_SYNC = 0;
const MARK_AFTER_MS = 300;

/**
 * Counts this person's changes the server has not yet confirmed. y-websocket has no acks, but
 * the server answers a sync step 1 only after every update received before it is stored (D1);
 * so after local changes a step 1 is sent as a marker, and its step 2 answer confirms them.
 */
export class AckTracker {
  private local = 0;
  private acked = 0;
  /** Local counts covered by each marker in flight, oldest first. */
  private markers: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly provider: WebsocketProvider) {
    const original = provider.messageHandlers[MESSAGE_SYNC];
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
      const step = decoding.peekVarUint(decoder);
      original(encoder, decoder, p, emitSynced, type);
      if (step === syncProtocol.messageYjsSyncStep2 && this.markers.length) this.confirm(this.markers.shift()!);
    };
    provider.doc.on('update', this.onUpdate);
    provider.on('sync', this.onSync);
    provider.on('status', this.onStatus);
  }

  /** Local changes not yet confirmed as stored by the server. */
  unsynced = (): number => this.local - this.acked;

  /** Subscribes to changes of the count. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stops counting. */
  destroy(): void {
    clearTimeout(this.timer);
    this.provider.doc.off('update', this.onUpdate);
    this.provider.off('sync', this.onSync);
    this.provider.off('status', this.onStatus);
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    // Changes from the server are not ours to confirm; everything else (typing, IndexedDB) is.
    if (origin === this.provider) return;
    this.local++;
    this.emit();
    this.scheduleMarker();
  };

  private readonly onSync = (synced: boolean) => {
    if (synced) this.scheduleMarker();
  };

  private readonly onStatus = ({ status }: { status: string }) => {
    // Answers to markers sent on a closed socket never come; the next sync re-marks everything.
    if (status === 'disconnected') this.markers = [];
  };

  private scheduleMarker(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const ws = this.provider.ws;
      if (!this.provider.synced || !ws || ws.readyState !== WebSocket.OPEN || this.unsynced() === 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.provider.doc);
      ws.send(encoding.toUint8Array(encoder));
      this.markers.push(this.local);
    }, MARK_AFTER_MS);
  }

  private confirm(upTo: number): void {
    this.acked = Math.max(this.acked, upTo);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
