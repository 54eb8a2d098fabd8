import type { Party } from '../sheet/fields';
import type { SheetAccess } from './sheet';

/**
 * May this person nudge (催办) a task's responsible person? The sheet's tracker (跟踪人), its
 * initiator (发起人) and its facilitators: the people the template makes responsible for follow-up.
 */
export function canNudge(access: SheetAccess, meta: { tracker?: Party | null; initiator?: Party | null }): boolean {
  if (access.role === null) return false;
  if (access.role === 'facilitator') return true;
  return [meta.tracker, meta.initiator].some((party) => party?.personId !== undefined && party.personId === access.actor.id);
}
