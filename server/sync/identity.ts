import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { checkPresence } from './presence-rules';

/** Who a connection belongs to, as the server authenticated them. Shown to others as presence. */
export interface Identity {
  id: string;
  name: string;
  department: string | null;
  color: string;
}

const PALETTE = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e67700', '#0c8599', '#c2255c', '#5f3dc4', '#5c940d', '#a61e4d', '#364fc7', '#087f5b'];

/** A stable caret colour for a person, chosen by the server so that everyone sees the same. */
export function colorOf(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/** One entry of an awareness update: a client id, its clock and its state as JSON (`null`: gone). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

/** The entries of an awareness update, as y-protocols encodes them. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  return Array.from({ length: decoding.readVarUint(decoder) }, () => ({
    clientId: decoding.readVarUint(decoder),
    clock: decoding.readVarUint(decoder),
    state: decoding.readVarString(decoder),
  }));
}

/** An awareness update holding `entries`. */
export function writeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Rewrites an awareness update from a connection so that every state it carries names the
 * connection's authenticated person (`user`, G6) and keeps one client id (P1): the first that
 * `mayUse` allows (for a connection that introduced none yet, the room lets it take one); entries
 * for any other client id are dropped unread, such as the echoes of other peers' presence that
 * y-websocket clients send back. The kept states are checked (`checkPresence`, P2–P4: throws).
 * Returns the client id kept and the update to apply, or null when nothing is left.
 */
export function stampAwareness(
  update: Uint8Array,
  identity: Identity,
  mayUse: (clientId: number, clock: number) => boolean,
): { update: Uint8Array; clientIds: number[] } | null {
  const kept: AwarenessEntry[] = [];
  for (const { clientId, clock, state: json } of readAwarenessEntries(update)) {
    if (kept.length > 0 ? clientId !== kept[0].clientId : !mayUse(clientId, clock)) continue;
    const state = checkPresence(json);
    kept.push({ clientId, clock, state: state === null ? 'null' : JSON.stringify({ ...state, user: identity }) });
  }
  if (kept.length === 0) return null;
  return { update: writeAwarenessEntries(kept), clientIds: [kept[0].clientId] };
}
