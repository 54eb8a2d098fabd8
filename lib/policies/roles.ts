/** Per-sheet roles, strongest first. The creator of a sheet is its facilitator. */
export const ROLES = ['facilitator', 'editor', 'commenter', 'viewer'] as const;
/** A person's role on one sheet. */
export type Role = (typeof ROLES)[number];

/** True when `a` grants at least what `b` grants. */
export function roleAtLeast(a: Role, b: Role): boolean {
  return ROLES.indexOf(a) <= ROLES.indexOf(b);
}
