import type { MessageKey } from '@/lib/i18n';
import type { Role, SheetAction } from '@/lib/policies';
import { CONFIDENTIALITIES, URGENCIES, type Confidentiality, type Stage, type Urgency } from '@/lib/sheet/fields';
import { RICH_TEXT_SECTIONS, TASK_STATUSES, type Lock, type RichNode, type RichTextSection, type TaskStatus } from '@/lib/sheet/layout';
import { sortRows } from '@/lib/sheet/order';

/** A department and a person in it; `personId` when chosen from the directory. */
export interface Party {
  department: string;
  person: string;
  personId?: string;
}

/** Basic information (基本信息) as the editor shows it. */
export interface MetaView {
  title: string;
  initiator: Party | null;
  tracker: Party | null;
  dueDate: string | null;
  urgency: Urgency;
  confidentiality: Confidentiality;
}

/** One receiving party, with a stable id so reordering keeps each row's identity. */
export interface RecipientView {
  id: string;
  department: string;
  contact: string;
}

/** One task row; `personId` when the person was chosen from the directory. */
export interface TaskView {
  id: string;
  task: string;
  department: string;
  person: string;
  personId?: string;
  deliverable: string;
  deadline: string | null;
  status: TaskStatus;
}

/** One dated progress-feedback entry on a task, by its author. */
export interface FeedbackView {
  id: string;
  taskId: string;
  at: string;
  author: string;
  authorId: string;
  text: string;
}

/** A person in the directory (GET /api/v1/users). */
export interface DirectoryPerson {
  id: string;
  email: string;
  name: string;
  departmentName: string | null;
}

/** The parts of a sheet the editor lays out, each with its own component. */
export type SheetPart = 'meta' | 'recipients' | 'tasks' | 'feedback' | RichTextSection;

/** The order of the template (模板表格内容); the three retrospective parts come last, together. */
export const PART_ORDER: readonly SheetPart[] = ['meta', 'recipients', 'background', 'goal', 'record', 'result', 'tasks', 'feedback', 'notes', 'review.outcome', 'review.problems', 'review.lessons'];

/** The heading of each part, in the template's words. */
export const PART_TITLE: Record<SheetPart, MessageKey> = {
  meta: 'section.basics',
  recipients: 'section.recipients',
  background: 'section.background',
  goal: 'section.goal',
  record: 'section.record',
  result: 'section.result',
  tasks: 'section.tasks',
  feedback: 'section.feedback',
  notes: 'section.notes',
  'review.outcome': 'section.review.outcome',
  'review.problems': 'section.review.problems',
  'review.lessons': 'section.review.lessons',
};

/** The hint under each part's heading, where the template gives one. */
export const PART_HINT: Partial<Record<SheetPart, MessageKey>> = {
  recipients: 'section.recipientsHint',
  background: 'section.backgroundHint',
  goal: 'section.goalHint',
  record: 'field.recordHint',
  result: 'section.resultHint',
  tasks: 'section.tasksHint',
  notes: 'section.notesHint',
};

/** Everything the sheet page needs to draw the sheet, before and after the live document arrives. */
export interface SheetView {
  id: string;
  role: Role;
  /** What this person may do (from the policies): the page hides the rest. */
  allowed: SheetAction[];
  /** An administrator may reopen an archived sheet, whatever their role on it. */
  isAdmin: boolean;
  stage: Stage;
  locks: Record<string, Lock>;
  meta: MetaView;
  recipients: RecipientView[];
  rich: Record<RichTextSection, RichNode>;
  tasks: TaskView[];
  feedback: FeedbackView[];
}

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const rows = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

/** A party as stored; an older plain-string person (e.g. a tracker set over the API) is read as a person alone. */
export function toParty(v: unknown): Party | null {
  if (typeof v === 'string') return v ? { department: '', person: v } : null;
  const o = obj(v);
  if (!str(o.department) && !str(o.person)) return null;
  return { department: str(o.department), person: str(o.person), ...(str(o.personId) ? { personId: str(o.personId) } : {}) };
}

/** `meta` as stored, read defensively: the server does not validate what clients write there. */
export function toMeta(v: unknown): MetaView {
  const o = obj(v);
  return {
    title: str(o.title),
    initiator: toParty(o.initiator),
    tracker: toParty(o.tracker),
    dueDate: str(o.dueDate) || null,
    urgency: (URGENCIES as readonly unknown[]).includes(o.urgency) ? (o.urgency as Urgency) : 'normal',
    confidentiality: (CONFIDENTIALITIES as readonly unknown[]).includes(o.confidentiality) ? (o.confidentiality as Confidentiality) : 'internal',
  };
}

/** `recipients` as stored, in their order (`sortRows`); a row without an id gets one from its position. */
export function toRecipients(v: unknown): RecipientView[] {
  return sortRows(rows(v)).map((r, i) => ({ id: str(r.id) || `r${i}`, department: str(r.department), contact: str(r.contact) }));
}

/** `tasks` as stored, in their order (`sortRows`). */
export function toTasks(v: unknown): TaskView[] {
  return sortRows(rows(v)).map((r, i) => ({
    id: str(r.id) || `t${i}`,
    task: str(r.task),
    department: str(r.department),
    person: str(r.person),
    ...(str(r.personId) ? { personId: str(r.personId) } : {}),
    deliverable: str(r.deliverable),
    deadline: str(r.deadline) || null,
    status: (TASK_STATUSES as readonly unknown[]).includes(r.status) ? (r.status as TaskStatus) : 'pending',
  }));
}

/** `feedback` as stored, oldest first. */
export function toFeedback(v: unknown): FeedbackView[] {
  return rows(v)
    .map((r, i) => ({ id: str(r.id) || `f${i}`, taskId: str(r.taskId), at: str(r.at), author: str(r.author), authorId: str(r.authorId), text: str(r.text) }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** The sections of a sheet as the API reads it (getSheet, a kept version), rich text as `{ text, json }`. */
export type SheetContent = { stage: Stage; locks: Record<string, Lock>; meta: unknown; recipients: unknown; tasks: unknown; feedback: unknown } & Record<RichTextSection, { json: RichNode }>;

/** The sheet as the API reads it, in the shape the page draws; access comes from the caller. */
export function toSheetView(id: string, access: Pick<SheetView, 'role' | 'allowed' | 'isAdmin'>, content: SheetContent): SheetView {
  return {
    id,
    ...access,
    stage: content.stage,
    locks: content.locks,
    meta: toMeta(content.meta),
    recipients: toRecipients(content.recipients),
    rich: Object.fromEntries(RICH_TEXT_SECTIONS.map((s) => [s, content[s].json])) as SheetView['rich'],
    tasks: toTasks(content.tasks),
    feedback: toFeedback(content.feedback),
  };
}

/** Today as `YYYY-MM-DD` in the person's own time zone, the way they read a deadline. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A task past its deadline and not done: it must stand out (及时反馈). */
export function isOverdue(task: TaskView, now: string): boolean {
  return task.status !== 'done' && !!task.deadline && task.deadline < now;
}

/** A random id for a new row. */
export function newId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}
