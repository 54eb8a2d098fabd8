import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '@/lib/policies';
import { SECTIONS, type Section } from '@/lib/sheet/layout';
import { REFUSALS, closeReasonOf, type SyncCloseReason } from '@/lib/sync';
import { callApi } from '../../http/api';
import { AckTracker } from './acks';
import { refusedText } from './missingText';

/** How the sheet's live connection is doing, as the person sees it. */
export type SyncStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'inaccessible' | 'signedOut' | 'halted';

/** Refusals for one reason in a row, with no change of this person's accepted between them, after which the connection stops instead of looping. */
export const HALT_AFTER_REFUSALS = 3;

/** A refusal by the server, and the text it did not accept (null while it is being worked out). */
export interface Refusal {
  reason: SyncCloseReason;
  text: string | null;
  /** The sections whose refused text is shown. */
  sections: Section[];
  /** The refused text piece by piece, each with its section: what can be proposed as a comment there. */
  pieces: Array<{ section: Section; text: string }>;
}

/** A refusal holding these pieces of refused text, with the text shown and the sections named as they follow from them. */
function withPieces(refusal: Refusal, pieces: Refusal['pieces']): Refusal {
  return { ...refusal, pieces, text: pieces.map((p) => p.text).join('\n'), sections: [...new Set(pieces.map((p) => p.section))] };
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
  /** True once `doc` has received the server's state (or the copy kept in this browser). */
  synced: boolean;
  /** True when the sync server has not answered for a while: the page says so in words. */
  unreachable: boolean;
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
/** How long a socket may take to open before it is given up and retried. */
const OPEN_TIMEOUT_MS = 4_000;
/** How long a first connection may take before the page says the sync server cannot be reached. */
const UNREACHABLE_AFTER_MS = 6_000;

/**
 * One person's live connection to one sheet over y-websocket, with the sheet kept in IndexedDB
 * so edits survive going offline and closing the tab. y-websocket's own reconnect is turned
 * off: every (re)connect first asks for a fresh sync token, because tokens expire and a changed
 * role must be checked again; and refusals need a fresh document.
 */
export class SheetConnection {
  private state: SheetConnectionState;
  private readonly listeners = new Set<() => void>();
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private unreachableTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** The document discarded after a refusal, kept until the fresh one syncs to tell what was lost. */
  private refusedDoc: Y.Doc | null = null;
  /** The server's state when the current document last synced: what a halted connection compares the refused document with. */
  private syncedState: Uint8Array | null = null;
  /** Refusals for one reason in a row; reset when the server accepts a change of this person's. */
  private refusalsInARow: { reason: SyncCloseReason | null; count: number } = { reason: null, count: 0 };
  private local: IndexeddbPersistence | null = null;
  /** Confirmations of this person's changes; replaced with the provider. */
  acks: AckTracker | null = null;

  constructor(
    private readonly sheetId: string,
    private readonly self: PresenceUser,
    role: Role,
  ) {
    const doc = new Y.Doc();
    this.state = { status: 'connecting', doc, provider: null, generation: 0, synced: false, unreachable: false, role, refusal: this.keptRefusal() };
  }

  /** Where this browser keeps refused text until the person has dealt with it: a reload or a closed tab does not lose it. */
  private get refusalKey(): string {
    return `concord:refused:${this.sheetId}:${this.self.id}`;
  }

  private keptRefusal(): Refusal | null {
    try {
      const kept = typeof localStorage === 'undefined' ? null : localStorage.getItem(this.refusalKey);
      return kept ? (JSON.parse(kept) as Refusal) : null;
    } catch {
      return null;
    }
  }

  private keepRefusal(refusal: Refusal | null): void {
    try {
      if (refusal?.text) localStorage.setItem(this.refusalKey, JSON.stringify(refusal));
      else localStorage.removeItem(this.refusalKey);
    } catch {
      // Private mode or a full quota: the notice still shows the text until the page closes.
    }
  }

  /** Subscribes to changes of the state (for `useSyncExternalStore`). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current state. */
  getState = (): SheetConnectionState => this.state;

  /** Local changes the server has not confirmed yet. */
  unsynced = (): number => this.acks?.unsynced() ?? 0;

  /** Loads what this browser kept, connects, and follows the browser going on- and offline. */
  start(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.unreachableTimer = setTimeout(() => this.set({ unreachable: !this.state.synced || this.state.status !== 'connected' }), UNREACHABLE_AFTER_MS);
    void this.keepLocally(this.state.doc).then(() => this.connect());
  }

  /** Disconnects and frees both documents. */
  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.retryTimer);
    clearTimeout(this.unreachableTimer);
    clearTimeout(this.openTimer);
    this.acks?.destroy();
    this.state.provider?.destroy();
    void this.local?.destroy();
    this.state.doc.destroy();
    this.refusedDoc?.destroy();
  }

  /** Hides the refusal notice once the person has read it (or proposed its text), and forgets the text kept for it. */
  dismissRefusal(): void {
    this.keepRefusal(null);
    this.set({ refusal: null });
  }

  /** One piece of refused text was dealt with (proposed as a comment): it leaves the notice, which closes with the last one. */
  settleRefusedPiece(index: number): void {
    const refusal = this.state.refusal;
    if (!refusal) return;
    const pieces = refusal.pieces.filter((_, i) => i !== index);
    if (!pieces.length) return this.dismissRefusal();
    const rest = withPieces(refusal, pieces);
    this.keepRefusal(rest);
    this.set({ refusal: rest });
  }

  /** Connects again after the connection halted on repeated refusals (the person chose to). */
  resume(): void {
    if (this.state.status !== 'halted') return;
    this.refusalsInARow = { reason: null, count: 0 };
    this.set({ status: 'connecting' });
    void this.connect();
  }

  private set(patch: Partial<SheetConnectionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Keeps `doc` in IndexedDB, per sheet and person, and shows what was kept at once. */
  private async keepLocally(doc: Y.Doc): Promise<void> {
    if (typeof indexedDB === 'undefined') return;
    this.local = new IndexeddbPersistence(`concord:${this.sheetId}:${this.self.id}`, doc);
    // A broken IndexedDB (private mode, quota) must not keep the sheet from connecting.
    await Promise.race([this.local.whenSynced, new Promise((resolve) => setTimeout(resolve, 1500))]);
    if (!this.stopped && doc.share.size > 0 && doc.getMap('control').has('stage')) this.set({ synced: true });
  }

  private readonly onOnline = () => {
    if (this.state.status !== 'offline' && this.state.status !== 'reconnecting') return;
    // The socket may have survived a short outage: then it is simply connected again.
    if (this.state.provider?.wsconnected && this.state.provider.synced) return this.set({ status: 'connected' });
    clearTimeout(this.retryTimer);
    void this.connect();
  };

  private readonly onOffline = () => {
    if (this.state.status === 'connected' || this.state.status === 'reconnecting') this.set({ status: 'offline' });
  };

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const issued = await callApi<SyncTokenResponse>('POST', `/api/v1/sheets/${encodeURIComponent(this.sheetId)}/sync-token`);
    if (this.stopped) return;
    if (!issued.ok) {
      if (issued.status === 401) return this.set({ status: 'signedOut' });
      if (issued.status === 403 || issued.status === 404) return this.set({ status: 'inaccessible' });
      return this.retryLater();
    }
    const provider = this.state.provider ?? this.open(issued.data.url, issued.data.room);
    provider.params = { token: issued.data.token };
    this.set({ provider, role: issued.data.role, status: this.state.status === 'connecting' ? 'connecting' : 'reconnecting' });
    provider.connect();
    // A socket opened while the network was down can hang in CONNECTING; y-websocket would never retry it.
    clearTimeout(this.openTimer);
    this.openTimer = setTimeout(() => {
      if (provider.ws && provider.ws.readyState === WebSocket.CONNECTING) provider.ws.close();
    }, OPEN_TIMEOUT_MS);
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
    this.acks = new AckTracker(provider);
    const acks = this.acks;
    acks.subscribe(() => {
      if (acks.unsynced() === 0) this.refusalsInARow = { reason: null, count: 0 };
    });
    provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.retries = 0;
      this.syncedState = Y.encodeStateAsUpdate(doc);
      this.set({ status: 'connected', synced: true, unreachable: false });
      this.reportRefusedText(doc);
    });
    provider.on('connection-error', () => this.set({ unreachable: true }));
    provider.on('closed', ({ code }) => this.onClosed(code));
    return provider;
  }

  private onClosed(code: number): void {
    const reason = closeReasonOf(code);
    if (reason && REFUSALS.has(reason)) return void this.discardLocalChanges(reason);
    // A changed role is checked again at once; anything else (network, restart) is retried with backoff.
    if (reason === 'accessChanged') void this.connect();
    else this.retryLater();
  }

  private retryLater(): void {
    this.set({ status: navigator.onLine ? 'reconnecting' : 'offline', unreachable: this.state.unreachable || this.retries >= 1 });
    clearTimeout(this.retryTimer);
    const delay = Math.min(500 * 2 ** this.retries, MAX_RETRY_MS);
    this.retries++;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  /**
   * The local document holds changes the server refused and will never accept; merging it again
   * would be refused again. It is set aside (and dropped from IndexedDB), a fresh document is
   * synced from the server, and the difference is shown to the person so no words are silently lost.
   * The same refusal again and again (something in the page keeps making a change the server
   * refuses) halts the connection with the reason shown, rather than reconnecting in a loop.
   */
  private async discardLocalChanges(reason: SyncCloseReason): Promise<void> {
    const count = this.refusalsInARow.reason === reason ? this.refusalsInARow.count + 1 : 1;
    this.refusalsInARow = { reason, count };
    this.acks?.destroy();
    this.acks = null;
    this.state.provider?.destroy();
    this.refusedDoc?.destroy();
    this.refusedDoc = this.state.doc;
    const fresh = new Y.Doc();
    this.set({ doc: fresh, provider: null, generation: this.state.generation + 1, synced: false, status: 'connecting', refusal: { reason, text: null, sections: [], pieces: this.state.refusal?.text ? this.state.refusal.pieces : [] } });
    await this.local?.clearData();
    if (this.stopped) return;
    await this.keepLocally(fresh);
    if (count >= HALT_AFTER_REFUSALS) return this.halt();
    void this.connect();
  }

  /** Stops reconnecting; what was refused is told against the server's state of the last sync, as no new one comes. */
  private halt(): void {
    const baseline = new Y.Doc();
    if (this.syncedState) Y.applyUpdate(baseline, this.syncedState);
    this.set({ status: 'halted' });
    this.reportRefusedText(baseline);
    baseline.destroy();
  }

  private reportRefusedText(fresh: Y.Doc): void {
    const refused = this.refusedDoc;
    if (!refused || !this.state.refusal) return;
    this.refusedDoc = null;
    // Text refused earlier and not dealt with yet stays, before what was refused now.
    const pieces = [...this.state.refusal.pieces, ...refusedText(refused, fresh, SECTIONS)];
    refused.destroy();
    const refusal = withPieces(this.state.refusal, pieces);
    this.keepRefusal(refusal);
    this.set({ refusal });
  }
}
