import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Role } from '@/lib/policies';
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

/** Everyone connected to the sheet (one entry per person, however many tabs), from awareness. */
export function usePresence(provider: WebsocketProvider | null): PresenceUser[] {
  const [people, setPeople] = useState<PresenceUser[]>([]);
  useEffect(() => {
    if (!provider) return setPeople([]);
    const awareness = provider.awareness;
    const update = () => {
      const byId = new Map<string, PresenceUser>();
      for (const state of awareness.getStates().values()) {
        const user = (state as { user?: Partial<PresenceUser> }).user;
        if (user?.id && user.name && !byId.has(user.id)) {
          byId.set(user.id, { id: user.id, name: user.name, department: user.department ?? null, color: user.color ?? '#868e96' });
        }
      }
      setPeople(Array.from(byId.values()));
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [provider]);
  return people;
}

/** Whether the server has locked `section` or archived the sheet, kept live from the `control` section. */
export function useControl(doc: Y.Doc, section: string, initial: { locked: boolean; archived: boolean }): { locked: boolean; archived: boolean } {
  const [control, setControl] = useState(initial);
  useEffect(() => {
    const map = doc.getMap('control');
    const read = () => {
      // Before the first sync the map is empty: keep what the server rendered.
      if (!map.has('stage')) return;
      const locks = map.get('locks');
      setControl({ locked: locks instanceof Y.Map ? locks.has(section) : false, archived: map.get('stage') === 'archived' });
    };
    read();
    map.observeDeep(read);
    return () => map.unobserveDeep(read);
  }, [doc, section]);
  return control;
}
