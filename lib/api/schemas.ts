import { z } from 'zod';
import { LOCALES } from '../i18n';
import { LIMITS } from '../limits';
import { NOTIFICATION_KINDS } from '../notify/kinds';
import { ROLES } from '../policies/roles';
import { THREAD_ENTRY_FIELDS, THREAD_FIELDS } from '../sheet/comments';
import { CONFIDENTIALITIES, META_FIELDS, STAGES, TASK_STATUSES, URGENCIES, isoDate } from '../sheet/fields';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const email = z.email('not an email address').max(LIMITS.emailChars).transform((e) => e.toLowerCase());
const password = z
  .string()
  .min(LIMITS.passwordMinChars, `at least ${LIMITS.passwordMinChars} characters`)
  .max(LIMITS.passwordMaxChars, `at most ${LIMITS.passwordMaxChars} characters`);

/** `POST /api/v1/sheets` */
export const createSheetBody = z
  .object({
    title: text(LIMITS.titleChars),
    urgency: z.enum(URGENCIES).optional(),
    dueDate: isoDate.nullable().optional(),
    confidentiality: z.enum(CONFIDENTIALITIES).optional(),
  })
  .strict();
/** Body of `POST /api/v1/sheets`. */
export type CreateSheetBody = z.infer<typeof createSheetBody>;

/** `PATCH /api/v1/sheets/:id`: any of the basic-information fields of `meta`. */
export const patchSheetBody = z
  .object({
    ...META_FIELDS,
    title: text(LIMITS.titleChars),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
/** Body of `PATCH /api/v1/sheets/:id`. */
export type PatchSheetBody = z.infer<typeof patchSheetBody>;

/**
 * `PUT` (replace) and `POST` (append) `/api/v1/sheets/:id/sections/:section`: a rich-text
 * section's content as a ProseMirror `doc` (the editor's JSON, e.g. Tiptap's `getJSON()`), or
 * plain text, one paragraph per line. Nodes are checked for shape by the command and for the
 * schema by the guard (GUARD.md V6, V7).
 */
export const sectionBody = z.union([
  z.object({ doc: z.object({ type: z.literal('doc'), content: z.array(z.unknown()).max(LIMITS.richTextNodes) }).strict() }).strict(),
  z.object({ text: z.string().max(LIMITS.maxBodyBytes) }).strict(),
]);
/** Body of a section write. */
export type SectionBody = z.infer<typeof sectionBody>;

/** `POST /api/v1/sheets/:id/members`: one person by email or id, or every person of a department. */
export const addMemberBody = z.union([
  z.object({ email, role: z.enum(ROLES) }).strict(),
  z.object({ userId: z.string().min(1).max(64), role: z.enum(ROLES) }).strict(),
  z.object({ department: text(LIMITS.nameChars), role: z.enum(ROLES) }).strict(),
]);
/** Body of `POST /api/v1/sheets/:id/members`. */
export type AddMemberBody = z.infer<typeof addMemberBody>;

/** `PATCH /api/v1/users/:id` (administrators). */
export const patchUserBody = z
  .object({ name: text(LIMITS.nameChars), department: text(LIMITS.nameChars).nullable(), admin: z.boolean() })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
/** Body of `PATCH /api/v1/users/:id`. */
export type PatchUserBody = z.infer<typeof patchUserBody>;

/** `PUT /api/v1/me/password`: the current password and the new one. */
export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(LIMITS.passwordMaxChars), newPassword: password }).strict();

/** `POST /api/v1/setup`: the first administrator, only while no account exists. */
export const setupBody = z
  .object({ email, name: text(LIMITS.nameChars), password, department: text(LIMITS.nameChars).optional() })
  .strict();

/** `POST /api/v1/users` (administrators). */
export const createUserBody = z
  .object({
    email,
    name: text(LIMITS.nameChars),
    password,
    department: text(LIMITS.nameChars).optional(),
    admin: z.boolean().optional(),
  })
  .strict();
/** Body of `POST /api/v1/users`. */
export type CreateUserBody = z.infer<typeof createUserBody>;

/** `POST /api/v1/departments` (administrators). */
export const createDepartmentBody = z.object({ name: text(LIMITS.nameChars) }).strict();
/** `PATCH /api/v1/departments/:id` (administrators): names the department's head (部门负责人) by id, or clears it. */
export const patchDepartmentBody = z.object({ headId: z.string().min(1).max(64).nullable() }).strict();

/** `POST /api/v1/tokens`: a personal access token for scripts. */
export const createTokenBody = z.object({ name: text(LIMITS.nameChars).default('token') }).strict();

/** `PUT /api/v1/sheets/:id/locks/:section`: lock as agreed; `warn` only asks before a change and records it. */
export const lockBody = z
  .object({ reason: z.string().trim().max(LIMITS.reasonChars).nullable().optional(), mode: z.enum(['hard', 'warn']).optional() })
  .strict();

/** One open item settled at archiving: dropped (放弃 / 搁置, with a reason) or left open as it is. */
const settledItem = z
  .object({ id: z.string().min(1).max(64), outcome: z.enum(['dropped', 'open']), reason: z.string().trim().max(LIMITS.reasonChars).optional() })
  .strict()
  .refine((item) => item.outcome !== 'dropped' || !!item.reason, { message: 'dropping needs a reason', path: ['reason'] });

/** What the facilitator decided at archiving for each task not done and each dispute not settled. */
export const openWorkSettlement = z
  .object({ tasks: z.array(settledItem).max(LIMITS.settledItems).optional(), disputes: z.array(settledItem).max(LIMITS.settledItems).optional() })
  .strict();
export type OpenWorkSettlement = z.infer<typeof openWorkSettlement>;

/** `POST /api/v1/sheets/:id/stage`; `settle` only when archiving. */
export const stageBody = z
  .object({
    stage: z.enum(STAGES),
    reason: z.string().trim().max(LIMITS.reasonChars).nullable().optional(),
    unlock: z.array(z.string().max(100)).max(50).optional(),
    settle: openWorkSettlement.optional(),
  })
  .strict()
  .refine((body) => !body.settle || body.stage === 'archived', { message: 'open work is settled only when archiving', path: ['settle'] });
export type StageBody = z.infer<typeof stageBody>;

/** `POST /api/v1/sheets/:id/versions`: keep a named version now. */
export const saveVersionBody = z.object({ name: text(LIMITS.titleChars) }).strict();

/** `GET /api/v1/sheets/:id/diff?from=&to=`: two version ids, `to` may be `current`. */
export const diffQuery = z.object({
  from: z.coerce.number().int().positive(),
  to: z.union([z.literal('current'), z.coerce.number().int().positive()]).default('current'),
  /** The reader's language: field, stage and status names and dates in its words. */
  locale: z.enum(LOCALES).default('zh-CN'),
});

const commentText = z.string().trim().min(1, 'must not be empty').max(LIMITS.commentChars);

/** `POST /api/v1/sheets/:id/comments`: a new thread on a text range or a task row, or `{ threadId, text }` to reply. */
export const postCommentBody = z.union([
  z
    .object({
      section: THREAD_FIELDS.section,
      anchor: THREAD_FIELDS.anchor.optional(),
      taskId: THREAD_FIELDS.taskId.optional(),
      quote: THREAD_FIELDS.quote.optional(),
      kind: THREAD_FIELDS.kind.optional(),
      question: THREAD_FIELDS.question.optional(),
      text: commentText,
      mentions: THREAD_ENTRY_FIELDS.mentions.optional(),
    })
    .strict(),
  z.object({ threadId: z.string().min(1).max(64), text: commentText, mentions: THREAD_ENTRY_FIELDS.mentions.optional() }).strict(),
]);
/** Body of `POST /api/v1/sheets/:id/comments`. */
export type PostCommentBody = z.infer<typeof postCommentBody>;

/** `PATCH /api/v1/sheets/:id/comments/:threadId`: resolve, reopen, agree or drop a thread, or keep it off share links. */
export const patchThreadBody = z
  .object({ status: THREAD_FIELDS.status, private: THREAD_FIELDS.private })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
/** Body of `PATCH /api/v1/sheets/:id/comments/:threadId`. */
export type PatchThreadBody = z.infer<typeof patchThreadBody>;

/** `PATCH /api/v1/sheets/:id/comments/:threadId/messages/:messageId`: one's own message, rewritten. */
export const patchCommentBody = z.object({ text: commentText, mentions: THREAD_ENTRY_FIELDS.mentions.optional() }).strict();
/** Body of `PATCH /api/v1/sheets/:id/comments/:threadId/messages/:messageId`. */
export type PatchCommentBody = z.infer<typeof patchCommentBody>;

/** `POST /api/v1/sheets/:id/share-links`: optional expiry (ISO time in the future) and password. */
export const createShareLinkBody = z
  .object({
    expiresAt: z.iso
      .datetime({ offset: true })
      .refine((t) => Date.parse(t) > Date.now(), 'must be in the future')
      .nullable()
      .optional(),
    password: z.string().min(LIMITS.sharePasswordMinChars, `at least ${LIMITS.sharePasswordMinChars} characters`).max(LIMITS.passwordMaxChars).nullable().optional(),
  })
  .strict();
/** Body of `POST /api/v1/sheets/:id/share-links`. */
export type CreateShareLinkBody = z.infer<typeof createShareLinkBody>;

/** `POST /api/v1/share-links/:token/unlock` */
export const unlockShareLinkBody = z.object({ password: z.string().min(1).max(LIMITS.passwordMaxChars) }).strict();

/** `POST /api/v1/sheets/:id/warn-edits`: the person chose to change a section under a warn-only lock. */
export const warnEditBody = z.object({ section: z.string().min(1).max(100) }).strict();

/** `POST /api/v1/sheets/:id/feedback`: a progress note on a task, and its new status when posted by its responsible person. */
export const postFeedbackBody = z
  .object({
    rowId: z.string().min(1).max(64),
    text: text(LIMITS.rowTextChars),
    status: z.enum(TASK_STATUSES).optional(),
  })
  .strict();
/** Body of `POST /api/v1/sheets/:id/feedback`. */
export type PostFeedbackBody = z.infer<typeof postFeedbackBody>;

/** `PUT /api/v1/me/tracking`: after how many days without progress feedback a task is flagged. */
export const trackingSettingsBody = z.object({ staleDays: z.number().int().min(1).max(LIMITS.staleDaysMax) }).strict();

/** `GET /api/v1/dashboard?department=`: one department, or all, for an administrator (a head always sees their own). */
export const dashboardQuery = z.object({ department: z.string().min(1).max(LIMITS.nameChars).optional() });

const delivery = z.object({ inApp: z.boolean(), email: z.boolean() }).strict();

/** `PUT /api/v1/me/notification-preferences`: any kinds (the others keep their setting) and the email language. */
export const preferencesBody = z
  .object({
    kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS), delivery).optional(),
    locale: z.enum(LOCALES).nullable().optional(),
  })
  .strict();
/** Body of `PUT /api/v1/me/notification-preferences`. */
export type PreferencesBody = z.infer<typeof preferencesBody>;

/** `POST /api/v1/me/notifications/read`: some notifications by id, or all of mine. */
export const markReadBody = z.union([z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }).strict(), z.object({ all: z.literal(true) }).strict()]);

/** `GET /api/v1/me/notifications?limit=&before=`: a page, newest first, older than `before` (an id). */
export const notificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce.number().int().positive().optional(),
});

/** `POST /api/v1/sheets/:id/nudges` (催办): a task row and an optional word to its responsible person. */
export const nudgeBody = z.object({ rowId: z.string().min(1).max(64), message: z.string().trim().max(LIMITS.reasonChars).optional() }).strict();
/** Body of `POST /api/v1/sheets/:id/nudges`. */
export type NudgeBody = z.infer<typeof nudgeBody>;
