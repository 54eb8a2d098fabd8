import type { Actor } from './sheet';

/** Only administrators add people and departments. */
export function canManagePeople(actor: Actor): boolean {
  return actor.isAdmin;
}
