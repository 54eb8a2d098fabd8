import type { Confidentiality, Stage, Urgency } from './fields';

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

/** True when `name` is one of the sheet's sections. */
export function isSection(name: string): name is Section {
  return (SECTIONS as readonly string[]).includes(name);
}

/** Fields of `meta` (basic information, 基本信息). */
export interface SheetMeta {
  title: string;
  initiator: { department: string; person: string } | null;
  dueDate: string | null;
  urgency: Urgency;
  confidentiality: Confidentiality;
  tracker: string | null;
}

/** The `control` section: written only by the server. */
export interface SheetControl {
  stage: Stage;
  locks: Record<string, { by: string; at: string; reason: string | null }>;
}

