import type { RichTextSection } from '@/lib/sheet/layout';

/** Where a thread is: a rich-text section or the tasks table. */
export type ThreadSection = RichTextSection | 'tasks';

/** A range of a section as two Yjs relative positions, encoded with `Y.relativePositionToJSON`. */
export interface Anchor {
  start: unknown;
  end: unknown;
}

/** One entry of a thread's lists: a message, a department's position (诉求) or a proposed solution (解决方案). */
export interface EntryView {
  id: string;
  authorId: string;
  author: string;
  at: string;
  text: string;
  editedAt: string | null;
  /** People (user ids) and departments (`dept:<name>`) mentioned in a message. */
  mentions: string[];
  /** The department whose position this is (positions only). */
  department: string;
}

/** A comment thread or disputed point (争议点) as the UI reads it from the `comments` section. */
export interface ThreadView {
  id: string;
  section: ThreadSection;
  anchor: Anchor | null;
  taskId: string | null;
  quote: string;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  kind: 'comment' | 'dispute';
  status: 'open' | 'resolved' | 'agreed' | 'dropped';
  /** Kept off share links (which show the disputed points of a sheet). */
  private: boolean;
  question: string;
  resultAnchor: Anchor | null;
  messages: EntryView[];
  positions: EntryView[];
  solutions: EntryView[];
}

/** The filters of the comment list and of the highlights in the text. */
export const THREAD_FILTERS = ['open', 'resolved', 'mine', 'mentions', 'all'] as const;
/** One filter. */
export type ThreadFilter = (typeof THREAD_FILTERS)[number];

/** Who is looking: filters and permissions depend on it. */
export interface Viewer {
  id: string;
  name: string;
  department: string | null;
}

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const anchorOf = (v: unknown): Anchor | null => {
  const o = obj(v);
  return o.start && o.end ? { start: o.start, end: o.end } : null;
};
const entries = (v: unknown): EntryView[] =>
  (Array.isArray(v) ? v.map(obj) : []).map((e) => ({
    id: str(e.id),
    authorId: str(e.authorId),
    author: str(e.author),
    at: str(e.at),
    text: str(e.text),
    editedAt: str(e.editedAt) || null,
    mentions: Array.isArray(e.mentions) ? e.mentions.filter((m): m is string => typeof m === 'string') : [],
    department: str(e.department),
  }));

/**
 * The `comments` section as stored, oldest thread first. Read defensively: a thread opened through
 * the API (a viewer's) has no question, positions or solutions.
 */
export function toThreads(json: unknown): ThreadView[] {
  return Object.values(obj(json))
    .map(obj)
    .filter((t) => str(t.id) && str(t.section))
    .map((t) => ({
      id: str(t.id),
      section: str(t.section) as ThreadSection,
      anchor: anchorOf(t.anchor),
      taskId: str(t.taskId) || null,
      quote: str(t.quote),
      createdBy: str(t.createdBy),
      createdByName: str(t.createdByName),
      createdAt: str(t.createdAt),
      kind: t.kind === 'dispute' ? ('dispute' as const) : ('comment' as const),
      status: (['open', 'resolved', 'agreed', 'dropped'].includes(str(t.status)) ? str(t.status) : 'open') as ThreadView['status'],
      private: t.private === true,
      question: str(t.question),
      resultAnchor: anchorOf(t.resultAnchor),
      messages: entries(t.messages),
      positions: entries(t.positions),
      solutions: entries(t.solutions),
    }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** True when a message of the thread mentions the person or their department. */
export function mentions(thread: ThreadView, viewer: Viewer): boolean {
  const targets = [viewer.id, ...(viewer.department ? [`dept:${viewer.department}`] : [])];
  return thread.messages.some((m) => m.mentions.some((x) => targets.includes(x)));
}

/** True when the thread passes the filter for this person. */
export function matches(filter: ThreadFilter, thread: ThreadView, viewer: Viewer): boolean {
  switch (filter) {
    case 'open':
      return thread.status === 'open';
    case 'resolved':
      return thread.status !== 'open';
    case 'mine':
      return thread.createdBy === viewer.id || [...thread.messages, ...thread.positions, ...thread.solutions].some((e) => e.authorId === viewer.id);
    case 'mentions':
      return mentions(thread, viewer);
    case 'all':
      return true;
  }
}

/** True when every message, position and solution of the thread is by this person (the guard lets them remove it then). */
export function onlyBy(thread: ThreadView, userId: string): boolean {
  return [...thread.messages, ...thread.positions, ...thread.solutions].every((e) => e.authorId === userId);
}

/** The departments taking part in a disputed point, from their positions, in the order they spoke. */
export function departmentsOf(thread: ThreadView): string[] {
  return [...new Set(thread.positions.map((p) => p.department).filter(Boolean))];
}

/** What a thread asks: a dispute's question, else its first message. */
export function headline(thread: ThreadView): string {
  return thread.question || thread.messages[0]?.text || '';
}

/** Where a thread is, enough to name it: its section, and its task row. */
export type Place = Pick<ThreadView, 'section' | 'taskId'>;
