import type { Confidentiality, Party, Stage, TaskStatus, Urgency } from './fields';

/**
 * Every section of the sheet is its own top-level shared type (DESIGN.md), so a lock or a
 * permission applies to a whole section and the guard can tell which sections an update touches.
 */
export const SECTIONS = [
  'meta',
  'recipients',
  'background',
  'goal',
  'record',
  'result',
  'notes',
  'review.outcome',
  'review.problems',
  'review.lessons',
  'tasks',
  'feedback',
  'comments',
  'control',
] as const;
/** Name of one top-level shared type of a sheet document. */
export type Section = (typeof SECTIONS)[number];

/** Sections edited as rich text (Y.XmlFragment, Tiptap). */
export const RICH_TEXT_SECTIONS = [
  'background',
  'goal',
  'record',
  'result',
  'notes',
  'review.outcome',
  'review.problems',
  'review.lessons',
] as const satisfies readonly Section[];
/** A rich-text section. */
export type RichTextSection = (typeof RICH_TEXT_SECTIONS)[number];

/** True when `section` is edited as rich text. */
export function isRichTextSection(section: string): section is RichTextSection {
  return (RICH_TEXT_SECTIONS as readonly string[]).includes(section);
}

/** True when `name` is one of the sheet's sections. */
export function isSection(name: string): name is Section {
  return (SECTIONS as readonly string[]).includes(name);
}

/** A ProseMirror (Tiptap) node as JSON, the editor's own format: safe to render, formatting kept. */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  /** On a section's `doc`: how many pieces readers left out because the schema does not accept them (written before it was enforced). */
  omitted?: number;
}

/** Fields of `meta` (basic information, 基本信息). */
export interface SheetMeta {
  title: string;
  initiator: Party | null;
  dueDate: string | null;
  urgency: Urgency;
  confidentiality: Confidentiality;
  tracker: Party | null;
}

/** 接收部门/人: one receiving party. */
export interface Recipient {
  department: string;
  contact: string;
}

export { TASK_STATUSES } from './fields';
export type { TaskStatus } from './fields';

/** One row of 责任部门/人 + 完成时限: one named person and one deadline per task. */
export interface TaskRow {
  id: string;
  task: string;
  department: string;
  person: string;
  deliverable: string;
  deadline: string | null;
  status: TaskStatus;
}

/** A lock on a section or on one task row (`tasks/<taskId>`). */
export interface Lock {
  by: string;
  byName: string;
  at: string;
  reason: string | null;
  /** `hard`: the server refuses every change; `warn`: changes are allowed after a confirmation and recorded. */
  mode: 'hard' | 'warn';
}

/** The `control` section: written only by the server. */
export interface SheetControl {
  stage: Stage;
  /** When the sheet entered its stage (ISO time); absent on sheets whose last stage change predates it. */
  stageAt?: string;
  locks: Record<string, Lock>;
}

