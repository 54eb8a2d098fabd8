import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { Connection } from './connection';
import { readAwarenessEntries, stampAwareness, writeAwarenessEntries } from './identity';
import { awarenessFrame } from './protocol';

/** Origin of presence heard from another node: forwarded to this node's peers, never published back. */
const FROM_NODE = Symbol('from another node');

/**
 * Who is on a sheet and where (awareness): every state carries the identity the server
 * authenticated (GUARD.md G6), a client id is spoken for only by the connection or the node that
 * introduced it, and a peer's presence goes when it leaves (N1 across nodes).
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Which connection introduced each awareness client id; others may not speak for it. */
  private readonly owners = new Map<number, Connection>();
  /** Which other node introduced each awareness client id (cluster only). */
  private readonly remote = new Map<number, string>();

  /**
   * @param sendAll sends a frame to every peer of this node.
   * @param publish tells the other nodes (cluster only).
   */
  constructor(
    doc: Y.Doc,
    sendAll: (frame: Uint8Array) => void,
    private readonly publish: ((update: Uint8Array) => void) | null,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, added.concat(updated, removed));
      sendAll(awarenessFrame(update));
      // The presence of this node's peers (their own, or removed as they leave) goes to the other nodes.
      if (origin instanceof Connection) this.publish?.(update);
    });
  }

  /** Every current state as one frame. */
  everyone(): Uint8Array {
    return awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, Array.from(this.awareness.getStates().keys())));
  }

  /** Presence from a peer, stamped with the identity the server authenticated. */
  receive(conn: Connection, update: Uint8Array): void {
    const stamped = stampAwareness(update, conn.identity, (id, clock) => {
      const owner = this.owners.get(id);
      if (owner !== undefined) return owner === conn;
      // P1: one client id per connection, taken with a state newer than any seen for it (not the echo of a peer gone).
      return conn.awarenessIds.size === 0 && !this.remote.has(id) && clock > (this.awareness.meta.get(id)?.clock ?? -1);
    });
    if (!stamped) return;
    if (!conn.presenceRate.take()) return conn.refuse('tooFast', 'presence changes beyond the allowance (R2)');
    for (const id of stamped.clientIds) {
      this.owners.set(id, conn);
      conn.awarenessIds.add(id);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, conn);
  }

  /** A peer left: the presence it introduced goes. */
  leave(conn: Connection): void {
    const ids = Array.from(conn.awarenessIds);
    for (const id of ids) if (this.owners.get(id) === conn) this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, conn);
  }

  /** Presence of people connected to another node; client ids of this node's peers are theirs alone. */
  fromNode(node: string, update: Uint8Array): void {
    const entries = readAwarenessEntries(update).filter((e) => !this.owners.has(e.clientId));
    if (entries.length === 0) return;
    for (const e of entries) {
      if (e.state === 'null') this.remote.delete(e.clientId);
      else this.remote.set(e.clientId, node);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, writeAwarenessEntries(entries), FROM_NODE);
  }

  /** A node opened this sheet: it is told the presence of this node's peers. */
  tellNodes(): void {
    const ids = Array.from(this.owners.keys()).filter((id) => this.awareness.getStates().has(id));
    if (ids.length) this.publish?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  /** A node left or died: the presence of its peers goes. */
  forgetNode(node: string): void {
    const ids = Array.from(this.remote).filter(([, owner]) => owner === node).map(([id]) => id);
    for (const id of ids) this.remote.delete(id);
    if (ids.length) awarenessProtocol.removeAwarenessStates(this.awareness, ids, FROM_NODE);
  }

  destroy(): void {
    this.awareness.destroy();
  }
}
