import type { Stage, TaskStatus, Urgency } from '../../lib/sheet/fields';
import type { ActivityEvent, IndexedTask, Notification, ShareLink, SheetRecord, SheetSummary, TaskIndexEntry, User, VersionInfo } from './types';

/**
 * The rows both SQL adapters read (SQLite and PostgreSQL share the table layout) and how each
 * becomes the Store's record. Only the column types the engines disagree on differ.
 */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  department_id: string | null;
  department_name: string | null;
  /** 0/1 in SQLite, boolean in PostgreSQL. */
  is_admin: number | boolean;
  head_of: string | null;
  created_at: string;
  session_version: number;
}
export interface SheetRow {
  id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  summary: string;
}
export interface ActivityRow {
  id: number;
  sheet_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  kind: string;
  detail: string;
}
export interface VersionRow {
  id: number;
  sheet_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  name: string;
  kind: string;
  state?: Buffer;
}
export interface ShareLinkRow {
  id: string;
  sheet_id: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  password_hash: string | null;
}
export interface TaskRow {
  sheet_id: string;
  row_id: string;
  position: number;
  task: string;
  department: string;
  person_id: string | null;
  person: string;
  deliverable: string;
  deadline: string | null;
  status: TaskStatus;
  done_at: string | null;
  assigned_at: string | null;
  stage_entered_at: string | null;
  last_feedback_at: string | null;
  feedback_count: number;
  sheet_title: string;
  sheet_stage: Stage;
  sheet_urgency: Urgency;
  tracker_id: string | null;
  initiator_id: string | null;
}
export interface NotificationRow {
  id: number;
  recipient_id: string;
  kind: Notification['kind'];
  sheet_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  payload: string;
  created_at: string;
  read_at: string | null;
}

/** What the index held of a task before a replace, for the times it keeps. */
export interface KeptTaskRow {
  row_id: string;
  status: string;
  done_at: string | null;
  person_id: string | null;
  person: string;
  assigned_at: string | null;
}
/** The columns of `KeptTaskRow`. */
export const KEPT_TASK_COLUMNS = 'row_id, status, done_at, person_id, person, assigned_at';

/** Whom a task is given to, as the index compares it: the person's id, else the name typed; null for nobody. */
const assigneeOf = (personId: string | null, person: string) => personId || person.trim() || null;

/**
 * The times the index dates itself for a task indexed at `at`: `doneAt` when first seen done (kept
 * while it stays done), `assignedAt` when its current responsible person was first seen (kept while
 * it stays theirs, null without one).
 */
export function keptTimes(before: KeptTaskRow | undefined, task: TaskIndexEntry, at: string): { doneAt: string | null; assignedAt: string | null } {
  const assignee = assigneeOf(task.personId, task.person);
  return {
    doneAt: task.status !== 'done' ? null : before?.status === 'done' ? (before.done_at ?? at) : at,
    assignedAt: assignee === null ? null : before && assigneeOf(before.person_id, before.person) === assignee ? before.assigned_at : at,
  };
}

export const USER_COLUMNS = `u.id, u.email, u.name, u.department_id, d.name AS department_name, u.is_admin,
  (SELECT h.name FROM departments h WHERE h.head_user_id = u.id) AS head_of, u.created_at, u.session_version`;
/** A department with its head's id and name, aliased to the record's field names. */
export const DEPARTMENT_COLUMNS = `d.id, d.name, d.head_user_id AS "headId", head.name AS "headName"`;
export const DEPARTMENT_FROM = `departments d LEFT JOIN users head ON head.id = d.head_user_id`;
export const USER_FROM = `users u LEFT JOIN departments d ON d.id = u.department_id`;
export const NOTIFICATION_COLUMNS = 'id, recipient_id, kind, sheet_id, actor_id, actor_name, payload, created_at, read_at';

export const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  departmentId: r.department_id,
  departmentName: r.department_name,
  isAdmin: r.is_admin === true || r.is_admin === 1,
  headOf: r.head_of,
  createdAt: r.created_at,
  sessionVersion: Number(r.session_version),
});
export const toSheet = (r: SheetRow): SheetRecord => ({ id: r.id, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at, ...(JSON.parse(r.summary) as SheetSummary) });
export const toEvent = (r: ActivityRow): ActivityEvent => ({
  id: r.id,
  sheetId: r.sheet_id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  kind: r.kind,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});
export const toVersion = (r: VersionRow): VersionInfo => ({ id: r.id, sheetId: r.sheet_id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, name: r.name, kind: r.kind });
export const toShareLink = (r: ShareLinkRow): ShareLink => ({
  id: r.id,
  sheetId: r.sheet_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  passwordHash: r.password_hash,
});
export const toTask = (r: TaskRow): IndexedTask => ({
  sheetId: r.sheet_id,
  rowId: r.row_id,
  position: r.position,
  task: r.task,
  department: r.department,
  personId: r.person_id,
  person: r.person,
  deliverable: r.deliverable,
  deadline: r.deadline,
  status: r.status,
  doneAt: r.done_at,
  assignedAt: r.assigned_at,
  stageEnteredAt: r.stage_entered_at,
  lastFeedbackAt: r.last_feedback_at,
  feedbackCount: r.feedback_count,
  sheetTitle: r.sheet_title,
  sheetStage: r.sheet_stage,
  sheetUrgency: r.sheet_urgency,
  trackerId: r.tracker_id,
  initiatorId: r.initiator_id,
});
export const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  recipientId: r.recipient_id,
  kind: r.kind,
  sheetId: r.sheet_id,
  actorId: r.actor_id,
  actorName: r.actor_name,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  createdAt: r.created_at,
  readAt: r.read_at,
});
