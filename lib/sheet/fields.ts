import { z } from 'zod';
import { LIMITS } from '../limits';
import { orderKey } from './order';

/** The five stages of SHEET.md (全流程), in order. */
export const STAGES = ['draft', 'initiated', 'discussion', 'executing', 'archived'] as const;
/** One of the five stages. */
export type Stage = (typeof STAGES)[number];

/** 紧急程度: urgent / normal / low. */
export const URGENCIES = ['urgent', 'normal', 'low'] as const;
/** 紧急程度 value. */
export type Urgency = (typeof URGENCIES)[number];

/** 保密等级: public / internal / secret / top secret. */
export const CONFIDENTIALITIES = ['public', 'internal', 'secret', 'topsecret'] as const;
/** 保密等级 value. */
export type Confidentiality = (typeof CONFIDENTIALITIES)[number];

/** Confidentiality levels whose sheets are visible only to their parties and never shared by link. */
export const RESTRICTED_CONFIDENTIALITIES: readonly Confidentiality[] = ['secret', 'topsecret'];

/** Status of a task, writable by its responsible person even when the task is locked. */
export const TASK_STATUSES = ['pending', 'in_progress', 'done', 'blocked'] as const;
/** One task status. */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A calendar date, `YYYY-MM-DD`, as typed in a date picker. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  // A day the calendar has: Date rolls 2026-02-31 over into March, so it must read back the same.
  .refine((s) => {
    const day = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(s);
  }, 'not a real date');

/** A department and a person in it (发起部门/人, 跟踪人); `personId` when chosen from the directory. */
export const party = z
  .object({ department: z.string().max(100), person: z.string().max(100), personId: z.string().max(64).optional() })
  .strict();
/** A department and a person in it. */
export type Party = z.infer<typeof party>;

/** A party as one line of text: its department and person, whichever are given ("" for none). */
export const partyText = (p: Pick<Party, 'department' | 'person'> | null | undefined): string => (p ? [p.department, p.person].filter(Boolean).join(' · ') : '');

/**
 * What each field of `meta` may hold, checked by the guard on every write over the socket and by
 * the HTTP API: editors write `meta` directly, so its values are not trusted otherwise. Empty
 * text is allowed while someone types; the stage rules ask for it to be filled.
 */
export const META_FIELDS = {
  title: z.string().max(LIMITS.titleChars),
  initiator: party.nullable(),
  tracker: party.nullable(),
  dueDate: isoDate.nullable(),
  urgency: z.enum(URGENCIES),
  confidentiality: z.enum(CONFIDENTIALITIES),
} as const;
/** A field of `meta`. */
export type MetaField = keyof typeof META_FIELDS;

const rowId = z.string().min(1).max(64);
const shortText = z.string().max(LIMITS.nameChars);
const longText = z.string().max(LIMITS.rowTextChars);

/** What each field of a row may hold, per list section; checked by the guard like `META_FIELDS`. */
export const ROW_FIELDS = {
  tasks: {
    id: rowId,
    order: orderKey,
    task: longText,
    department: shortText,
    person: shortText,
    personId: rowId.nullable(),
    deliverable: longText,
    deadline: isoDate.nullable(),
    status: z.enum(TASK_STATUSES),
  },
  recipients: { id: rowId, order: orderKey, department: shortText, contact: shortText },
  feedback: { id: rowId, taskId: rowId, at: z.iso.datetime({ offset: true }), author: shortText, authorId: rowId, text: longText },
} as const;
/** A list section whose rows the guard checks. */
export type RowSection = keyof typeof ROW_FIELDS;
