import type { Awareness } from 'y-protocols/awareness';

/**
 * People whose presence is in a section of the sheet right now (the part they are focused on or
 * typing in), by the identity the server stamped on their awareness (GUARD.md G6). A task row
 * (`tasks/<id>`) is in the `tasks` section.
 */
export function peopleIn(awareness: Awareness, target: string): string[] {
  const section = target.split('/')[0];
  const ids = new Set<string>();
  for (const state of awareness.getStates().values()) {
    const { user, section: where } = state as { user?: { id?: unknown }; section?: unknown };
    if (where === section && typeof user?.id === 'string') ids.add(user.id);
  }
  return Array.from(ids);
}
