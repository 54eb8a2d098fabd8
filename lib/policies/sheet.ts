import { AppError } from '../errors';
import type { Section } from '../sheet/layout';
import { SECTIONS } from '../sheet/layout';
import type { Role } from './roles';
import { roleAtLeast } from './roles';

/** What a person may do to a sheet; the HTTP API and the sync server ask the same question. */
export type SheetAction =
  | 'view'
  | 'comment'
  | 'edit'
  | 'editMeta'
  | 'manageMembers'
  | 'lock'
  | 'changeStage'
  | 'share';

/** The signed-in person as policies see them. */
export interface Actor {
  id: string;
  isAdmin: boolean;
}

/** One person's relation to one sheet: their role, or none. */
export interface SheetAccess {
  actor: Actor;
  role: Role | null;
}

const MINIMUM_ROLE: Record<SheetAction, Role> = {
  view: 'viewer',
  comment: 'viewer',
  edit: 'editor',
  editMeta: 'editor',
  manageMembers: 'facilitator',
  lock: 'facilitator',
  changeStage: 'facilitator',
  share: 'facilitator',
};

/** May this person do `action` on the sheet? Only members act on a sheet. */
export function can(access: SheetAccess, action: SheetAction): boolean {
  return access.role !== null && roleAtLeast(access.role, MINIMUM_ROLE[action]);
}

/** Every action this person may take, for the client to mirror (it hides what it may not do). */
export function allowedActions(access: SheetAccess): SheetAction[] {
  return (Object.keys(MINIMUM_ROLE) as SheetAction[]).filter((a) => can(access, a));
}

const EVERY_SECTION_BUT_CONTROL: ReadonlySet<Section> = new Set(SECTIONS.filter((s) => s !== 'control'));
const COMMENTS_ONLY: ReadonlySet<Section> = new Set<Section>(['comments']);
const NOTHING: ReadonlySet<Section> = new Set<Section>();

/**
 * Sections a person with this role may write, through their socket or through a command.
 * `control` is never written by a person: the server writes it on behalf of checked HTTP
 * requests. A viewer writes nothing over the socket and comments through the API (C5).
 */
export function writableSections(role: Role, entry: 'socket' | 'http' = 'socket'): ReadonlySet<Section> {
  if (roleAtLeast(role, 'editor')) return EVERY_SECTION_BUT_CONTROL;
  if (role === 'commenter' || entry === 'http') return COMMENTS_ONLY;
  return NOTHING;
}

/**
 * Throws unless the person may take `action`. Someone with no access at all gets `not_found`,
 * so a sheet's existence does not leak to outsiders.
 */
export function authorize(access: SheetAccess, action: SheetAction): void {
  if (access.role === null) throw new AppError('not_found', 'sheet not found');
  if (!can(access, action)) throw new AppError('forbidden', `your role (${access.role}) may not ${action} this sheet`);
}
