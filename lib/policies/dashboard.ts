import type { Actor } from './sheet';

/**
 * The dashboard (open sheets by stage and urgency, overdue tasks per department) shows counts
 * across every sheet of the organisation, including sheets the person is not a party to: it is
 * for administrators, who act for the heads of departments.
 */
export function canViewDashboard(actor: Actor): boolean {
  return actor.isAdmin;
}
