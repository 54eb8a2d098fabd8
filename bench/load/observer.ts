import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

// Markers are ASCII, so they survive in the update's bytes read as latin1.
const MARKER = /#(\d+)\.(\d+)#/g;

/**
 * A real y-websocket client (WebsocketProvider with its own Y.Doc) that decodes everything, as a
 * person's browser does, and notes when each edit's marker first arrives.
 */
export class Observer {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Arrival time (performance.now()) per editor, per sequence number; NaN until seen. */
  readonly seenAt: Float64Array[];
  delivered = 0;
  duplicates = 0;
  /** Times the provider lost its connection: should stay 0. */
  disconnects = 0;

  constructor(url: string, room: string, params: Record<string, string>, editors: number, maxSeq: number) {
    this.seenAt = Array.from({ length: editors }, () => new Float64Array(maxSeq).fill(Number.NaN));
    this.provider = new WebsocketProvider(url, room, this.doc, {
      params,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      // Presence is not what is measured; keep awareness traffic to the initial state.
      resyncInterval: -1,
    });
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected') this.disconnects++;
    });
    this.doc.on('update', (update: Uint8Array) => this.note(update));
  }

  /** Resolves once the first sync with the server is done. */
  synced(): Promise<void> {
    return new Promise((resolve) => (this.provider.synced ? resolve() : this.provider.once('sync', () => resolve())));
  }

  /** Paragraphs in `record` this observer has: how setup knows the server forwarded them. */
  get paragraphs(): number {
    return this.doc.getXmlFragment('record').length;
  }

  private note(update: Uint8Array): void {
    const now = performance.now();
    const text = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1');
    for (const m of text.matchAll(MARKER)) {
      const row = this.seenAt[Number(m[1])];
      const seq = Number(m[2]);
      if (!row || seq >= row.length) continue;
      if (Number.isNaN(row[seq])) {
        row[seq] = now;
        this.delivered++;
      } else this.duplicates++;
    }
  }

  /** Disconnects and frees the document. */
  close(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
