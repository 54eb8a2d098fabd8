import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '@/lib/policies';
import { REFUSALS, closeReasonOf, type SyncCloseReason } from '@/lib/sync';
import { callApi } from '../../http/api';
import { textMissingFrom } from './missingText';

/** How the sheet's live connection is doing, as the person sees it. */
export type SyncStatus = 'connecting' | 'connected' | 'offline' | 'inaccessible' | 'signedOut';

/** A refusal by the server, and the text it did not accept (null while it is being worked out). */
export interface Refusal {
  reason: SyncCloseReason;
  text: string | null;
}

/** What the person is shown as in presence and carets; the server stamps the same on what others see. */
export interface PresenceUser {
  id: string;
  name: string;
  department: string | null;
  color: string;
}

/** A snapshot of the connection, replaced (never mutated) on every change so React can compare it. */
export interface SheetConnectionState {
  status: SyncStatus;
  /** The local document; replaced by a fresh one after a refusal. */
  doc: Y.Doc;
  provider: WebsocketProvider | null;
  /** Bumped whenever `doc` is replaced, so an editor bound to the old one is remounted. */
  generation: number;
  /** True once `doc` has received the server's state. */
  synced: boolean;
  role: Role;
  refusal: Refusal | null;
}

interface SyncTokenResponse {
  token: string;
  url: string;
  room: string;
  role: Role;
}

const MAX_RETRY_MS = 10_000;

/**
 * One person's live connection to one sheet over y-websocket. y-websocket's own reconnect is
 * turned off: every (re)connect first asks for a fresh sync token, because tokens expire and
 * because a changed role must be checked again; and refusals need a fresh document.
 */
export class SheetConnection {
  private state: SheetConnectionState;
  private readonly listeners = new Set<() => void>();
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** The document discarded after a refusal, kept until the fresh one syncs to tell what was lost. */
  private refusedDoc: Y.Doc | null = null;

  constructor(
    private readonly sheetId: string,
    private readonly self: PresenceUser,
    role: Role,
  ) {
    this.state = { status: 'connecting', doc: new Y.Doc(), provider: null, generation: 0, synced: false, role, refusal: null };
  }

  /** Subscribes to changes of the state (for `useSyncExternalStore`). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current state. */
  getState = (): SheetConnectionState => this.state;

  /** Connects, and reconnects at once when the browser comes back online. */
  start(): void {
    window.addEventListener('online', this.onOnline);
    void this.connect();
  }

  /** Disconnects and frees both documents. */
  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.state.provider?.destroy();
    this.state.doc.destroy();
    this.refusedDoc?.destroy();
  }

  /** Hides the refusal notice once the person has read it. */
  dismissRefusal(): void {
    this.set({ refusal: null });
  }

  private set(patch: Partial<SheetConnectionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private readonly onOnline = () => {
    if (this.state.status !== 'offline') return;
    clearTimeout(this.retryTimer);
    void this.connect();
  };

  private async connect(): Promise<void> {
    const issued = await callApi<SyncTokenResponse>('POST', `/api/v1/sheets/${encodeURIComponent(this.sheetId)}/sync-token`);
    if (this.stopped) return;
    if (!issued.ok) {
      if (issued.status === 401) return this.set({ status: 'signedOut' });
      if (issued.status === 403 || issued.status === 404) return this.set({ status: 'inaccessible' });
      return this.retryLater();
    }
    const provider = this.state.provider ?? this.open(issued.data.url, issued.data.room);
    provider.params = { token: issued.data.token };
    this.set({ provider, role: issued.data.role, status: 'connecting' });
    provider.connect();
  }

  private open(url: string, room: string): WebsocketProvider {
    const doc = this.state.doc;
    const provider = new WebsocketProvider(url, room, doc, {
      connect: false,
      // Other tabs would receive changes the server may yet refuse; the server is the only peer.
      disableBc: true,
      // Every close comes to `closed` below, where a fresh token is fetched before reconnecting.
      shouldReconnect: () => false,
    });
    provider.awareness.setLocalStateField('user', this.self);
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.retries = 0;
      this.set({ status: 'connected', synced: true });
      this.reportRefusedText(doc);
    });
    provider.on('status', ({ status }) => {
      if (status === 'disconnected') this.set({ status: 'offline' });
    });
    provider.on('closed', ({ code }) => this.onClosed(code));
    return provider;
  }

  private onClosed(code: number): void {
    const reason = closeReasonOf(code);
    if (reason && REFUSALS.has(reason)) return this.discardLocalChanges(reason);
    // A changed role is checked again at once; anything else (network, restart) is retried with backoff.
    if (reason === 'accessChanged') void this.connect();
    else this.retryLater();
  }

  private retryLater(): void {
    this.set({ status: 'offline' });
    clearTimeout(this.retryTimer);
    const delay = Math.min(500 * 2 ** this.retries, MAX_RETRY_MS);
    this.retries++;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  /**
   * The local document holds changes the server refused and will never accept; merging it again
   * would be refused again. It is set aside, a fresh document is synced from the server, and the
   * difference is shown to the person so no words are silently lost.
   */
  private discardLocalChanges(reason: SyncCloseReason): void {
    this.state.provider?.destroy();
    this.refusedDoc?.destroy();
    this.refusedDoc = this.state.doc;
    this.set({ doc: new Y.Doc(), provider: null, generation: this.state.generation + 1, synced: false, status: 'connecting', refusal: { reason, text: null } });
    void this.connect();
  }

  private reportRefusedText(fresh: Y.Doc): void {
    const refused = this.refusedDoc;
    if (!refused || !this.state.refusal) return;
    this.refusedDoc = null;
    const known = Y.decodeStateVector(Y.encodeStateVector(fresh));
    const text = textMissingFrom(refused.getXmlFragment('record'), known).join('\n');
    refused.destroy();
    this.set({ refusal: { ...this.state.refusal, text } });
  }
}
