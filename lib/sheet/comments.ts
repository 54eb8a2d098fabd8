import { z } from 'zod';
import { LIMITS } from '../limits';
import { RICH_TEXT_SECTIONS } from './layout';

/**
 * The `comments` section: a Y.Map of threads by id, each a Y.Map of the fields below plus three
 * lists (Y.Array of Y.Map): `messages` (the conversation), `positions` (each department's 诉求, for
 * a disputed point) and `solutions` (proposed 解决方案). A thread is anchored to a text range of a
 * rich-text section by Yjs relative positions, or to a task row, so commenting never writes into a
 * section: a locked section's text stays untouched.
 */
export const THREAD_LISTS = ['messages', 'positions', 'solutions'] as const;
/** One list of a thread. */
export type ThreadList = (typeof THREAD_LISTS)[number];

/** Statuses of a plain comment thread and of a disputed point (争议点). */
export const THREAD_STATUSES = ['open', 'resolved', 'agreed', 'dropped'] as const;

const id = z.string().min(1).max(64);
const name = z.string().max(LIMITS.nameChars);
const body = z.string().max(LIMITS.commentChars);
const at = z.iso.datetime({ offset: true });
/** A Yjs relative position, encoded with `Y.relativePositionToJSON`. */
const relative = z.object({ type: z.unknown().optional(), tname: z.string().max(64).optional(), item: z.unknown().optional(), assoc: z.number().int().optional() }).passthrough();
const range = z.object({ start: relative, end: relative }).strict();

/** What each field of a thread may hold; `createdBy` is the connection's person, set once. */
export const THREAD_FIELDS = {
  id,
  section: z.enum([...RICH_TEXT_SECTIONS, 'tasks']),
  anchor: range.nullable(),
  taskId: id.nullable(),
  quote: body,
  createdBy: id,
  createdByName: name,
  createdAt: at,
  kind: z.enum(['comment', 'dispute']),
  status: z.enum(THREAD_STATUSES),
  private: z.boolean(),
  question: body,
  resultAnchor: range.nullable(),
} as const;

/** What each field of an entry of a thread's lists may hold; `authorId` is the connection's person. */
export const THREAD_ENTRY_FIELDS = {
  id,
  authorId: id,
  author: name,
  at,
  editedAt: at.nullable(),
  text: body,
  department: name,
  /** People (user ids) and departments (`dept:<name>`) mentioned. */
  mentions: z.array(z.string().max(LIMITS.nameChars + 5)).max(50),
} as const;
