import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '@/lib/policies';
import type { Stage } from '@/lib/sheet/fields';
import type { Lock } from '@/lib/sheet/layout';
import type { PresencePerson } from '../LiveStatus';
import { PART_ORDER, type SheetPart } from '../model';
import { SheetConnection, type PresenceUser, type SheetConnectionState } from './SheetConnection';

const noSubscription = () => () => {};

/** The live connection to a sheet for as long as the component is mounted, and its current state. */
export function useSheetConnection(sheetId: string, self: PresenceUser, role: Role): { connection: SheetConnection | null; state: SheetConnectionState | null } {
  const [connection, setConnection] = useState<SheetConnection | null>(null);
  const { id, name, department, color } = self;
  useEffect(() => {
    // Made in the effect, not during render: React may render twice but runs cleanup for every effect.
    const created = new SheetConnection(sheetId, { id, name, department, color }, role);
    setConnection(created);
    created.start();
    return () => created.stop();
    // `role` is left out on purpose: it only seeds the first state; later roles come with each sync token.
  }, [sheetId, id, name, department, color]);
  const state = useSyncExternalStore(connection?.subscribe ?? noSubscription, () => connection?.getState() ?? null, () => null);
  return { connection, state };
}

/** Changes this person made that the server has not confirmed; re-renders only the caller. */
export function useUnsynced(connection: SheetConnection | null, generation: number): number {
  const acks = connection?.acks ?? null;
  // `generation` re-reads `acks` after a refusal replaced the provider.
  void generation;
  return useSyncExternalStore(acks?.subscribe ?? noSubscription, () => acks?.unsynced() ?? 0, () => 0);
}

const isPart = (s: unknown): s is SheetPart => (PART_ORDER as readonly unknown[]).includes(s);

/**
 * How long someone whose connection closed stays listed, greyed, as offline before they are gone:
 * the awareness protocol's own timeout, after which a silent peer is dropped anyway.
 */
export const DEPARTED_MS = 30_000;

/** Who is on the sheet: those connected, and those whose connection closed a moment ago (offline, greyed). */
export interface Presence {
  people: PresencePerson[];
  departed: PresencePerson[];
}

const NOBODY: Presence = { people: [], departed: [] };

/**
 * Everyone connected to the sheet (one entry per person, however many tabs), from awareness, and
 * who just left. The server removes a person's state the moment their socket closes (and drops a
 * silent one when it misses a pong), so their caret goes at once; their name stays, greyed, for
 * `DEPARTED_MS`. When it is this page that lost the server, every state is dropped and nobody is
 * said to have left.
 */
export function usePresence(provider: WebsocketProvider | null): Presence {
  const [presence, setPresence] = useState<Presence>(NOBODY);
  useEffect(() => {
    if (!provider) return setPresence(NOBODY);
    const awareness = provider.awareness;
    // Each awareness client as last seen, to name it once its state is gone.
    const known = new Map<number, PresencePerson>();
    const departed = new Map<string, { person: PresencePerson; until: number }>();
    let expiry: ReturnType<typeof setTimeout> | null = null;
    const update = (changes?: { removed: number[] }) => {
      const byId = new Map<string, PresencePerson>();
      for (const [client, state] of awareness.getStates()) {
        const { user, section, typing } = state as { user?: Partial<PresenceUser>; section?: unknown; typing?: unknown };
        if (!user?.id || !user.name) continue;
        const person = { id: user.id, name: user.name, department: user.department ?? null, color: user.color ?? '#868e96', section: isPart(section) ? section : null, typing: typing === true };
        known.set(client, person);
        const seen = byId.get(user.id);
        // Of one person's tabs, the one where they are typing (or at least in a section) wins.
        if (seen && (seen.typing || (seen.section && !typing))) continue;
        byId.set(user.id, person);
      }
      const now = Date.now();
      for (const client of changes?.removed ?? []) {
        const person = known.get(client);
        known.delete(client);
        if (person && provider.wsconnected && !byId.has(person.id)) departed.set(person.id, { person: { ...person, section: null, typing: false }, until: now + DEPARTED_MS });
      }
      if (!provider.wsconnected) departed.clear();
      for (const [id, left] of departed) if (byId.has(id) || left.until <= now) departed.delete(id);
      if (expiry) clearTimeout(expiry);
      expiry = departed.size ? setTimeout(update, Math.min(...Array.from(departed.values(), (left) => left.until)) - now) : null;
      setPresence({ people: Array.from(byId.values()), departed: Array.from(departed.values(), (left) => left.person) });
    };
    update();
    awareness.on('change', update);
    return () => {
      awareness.off('change', update);
      if (expiry) clearTimeout(expiry);
    };
  }, [provider]);
  return presence;
}

/** Stage and locks from the server-written `control` section, live; what the page rendered until the first sync. */
export function useControl(doc: Y.Doc, initial: { stage: Stage; locks: Record<string, Lock> }): { stage: Stage; locks: Record<string, Lock> } {
  const [control, setControl] = useState(initial);
  useEffect(() => {
    const map = doc.getMap('control');
    const read = () => {
      // Before the first sync the map is empty: keep what the server rendered.
      if (!map.has('stage')) return;
      const locks = map.get('locks');
      setControl({ stage: map.get('stage') as Stage, locks: locks instanceof Y.Map ? (locks.toJSON() as Record<string, Lock>) : {} });
    };
    read();
    map.observeDeep(read);
    return () => map.unobserveDeep(read);
  }, [doc]);
  return control;
}

/** A shared type's content as JSON, read through `read`, kept live. */
export function useShared<T>(type: Y.Map<unknown> | Y.Array<Y.Map<unknown>>, read: (json: unknown) => T): T {
  const [value, setValue] = useState(() => read(type.toJSON()));
  useEffect(() => {
    const update = () => setValue(read(type.toJSON()));
    update();
    type.observeDeep(update);
    return () => type.unobserveDeep(update);
    // `read` is a module-level parser; only the type matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [type]);
  return value;
}
