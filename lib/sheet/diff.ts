import { formatDate, t, type Locale, type MessageKey } from '../i18n';
import { partyText, type Party } from './fields';
import { RICH_TEXT_SECTIONS } from './layout';

/** One run of a text diff. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** What the history compares: the sheet as the API reads it. */
export interface ComparableSheet {
  meta: object;
  recipients: unknown[];
  tasks: unknown[];
  feedback: unknown[];
  stage: string;
  [richText: string]: unknown;
}

// Chinese has no spaces: each CJK character is a token; other text splits into words, spaces and marks.
const TOKEN = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]|[A-Za-z0-9_\-.@]+|\s+|./gsu;

/** Insertions and deletions that turn `before` into `after` (Myers' shortest edit script over tokens). */
export function diffText(before: string, after: string): DiffPart[] {
  const a = before.match(TOKEN) ?? [];
  const b = after.match(TOKEN) ?? [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a.slice(start, endA), b.slice(start, endB));
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push('equal', a.slice(0, start).join(''));
  for (const [op, token] of middle) push(op, token);
  push('equal', a.slice(endA).join(''));
  return parts;
}

function myers(a: string[], b: string[]): Array<[DiffPart['op'], string]> {
  // v maps a diagonal k = x - y to the furthest x reached on it; one copy is kept per edit count d.
  const trace: Array<Map<number, number>> = [];
  const furthest = (v: Map<number, number>, k: number) => v.get(k) ?? -1;
  const goesDown = (v: Map<number, number>, k: number, d: number) => k === -d || (k !== d && furthest(v, k - 1) < furthest(v, k + 1));
  let v = new Map<number, number>([[1, 0]]);
  search: for (let d = 0; d <= a.length + b.length; d++) {
    trace.push(v);
    const next = new Map(v);
    for (let k = -d; k <= d; k += 2) {
      let x = goesDown(v, k, d) ? furthest(v, k + 1) : furthest(v, k - 1) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      next.set(k, x);
      if (x >= a.length && y >= b.length) break search;
    }
    v = next;
  }
  // Walk back from the end, one edit per d, recovering the script.
  const script: Array<[DiffPart['op'], string]> = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const down = goesDown(vd, k, d);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : furthest(vd, prevK);
    const prevY = prevX - prevK;
    while (x > Math.max(prevX, 0) && y > Math.max(prevY, 0) && x - y === k) {
      x--;
      y--;
      script.push(['equal', a[x]]);
    }
    if (d === 0) break;
    if (down) script.push(['insert', b[--y]]);
    else script.push(['delete', a[--x]]);
  }
  return script.reverse();
}

/** The basic information's fields as the sheet names them, in the template's order; what the diff shows of each value. */
const META_FIELDS: Array<[key: string, label: MessageKey, show: (value: unknown, locale: Locale) => string]> = [
  ['title', 'field.title', (v) => String(v ?? '')],
  ['initiator', 'field.initiator', (v) => party(v)],
  ['dueDate', 'field.dueDate', (v, locale) => (typeof v === 'string' && v ? formatDate(locale, v) : '')],
  ['urgency', 'field.urgency', (v, locale) => (v ? t(locale, `urgency.${String(v)}` as MessageKey) : '')],
  ['confidentiality', 'field.confidentiality', (v, locale) => (v ? t(locale, `confidentiality.${String(v)}` as MessageKey) : '')],
  ['tracker', 'editor.tracker', (v) => party(v)],
];

const party = (value: unknown) => partyText(value && typeof value === 'object' ? (value as Party) : null);

/** Each row's columns, and how a column's value reads. */
const ROW_COLUMNS: Record<'recipients' | 'tasks' | 'feedback', Array<[column: string, show?: (value: unknown, locale: Locale) => string]>> = {
  recipients: [['department'], ['contact']],
  tasks: [['task'], ['department'], ['person'], ['deliverable'], ['deadline', (v, locale) => (typeof v === 'string' && v ? formatDate(locale, v) : '')], ['status', (v, locale) => (v ? t(locale, `task.status.${String(v)}` as MessageKey) : '')]],
  feedback: [['at', (v, locale) => (typeof v === 'string' && v ? formatDate(locale, v, true) : '')], ['author'], ['text']],
};

/**
 * A section's content as lines of text in the reader's words (field names, stage and status
 * names, dates in the organisation's time zone), so that any two versions compare the same way.
 */
export function sectionText(sheet: ComparableSheet, section: string, locale: Locale): string {
  if (section === 'meta') {
    const meta = sheet.meta as Record<string, unknown>;
    return META_FIELDS.map(([key, label, show]) => `${t(locale, label)}${locale === 'en' ? ': ' : '：'}${show(meta[key], locale)}`).join('\n');
  }
  if (section === 'stage') return t(locale, `stage.${sheet.stage}` as MessageKey);
  if (section === 'recipients' || section === 'tasks' || section === 'feedback') {
    const rows = sheet[section] as Array<Record<string, unknown>>;
    return rows.map((row) => ROW_COLUMNS[section].map(([c, show]) => (show ? show(row[c], locale) : String(row[c] ?? ''))).join(' | ')).join('\n');
  }
  return ((sheet[section] as { text?: string } | undefined)?.text ?? '').toString();
}

/** Sections compared between two versions, in the template's order. */
export const COMPARED_SECTIONS = ['stage', 'meta', 'recipients', ...RICH_TEXT_SECTIONS, 'tasks', 'feedback'] as const;

/** Every section that differs between two versions, with its insertions and deletions. */
export function compareSheets(before: ComparableSheet, after: ComparableSheet, locale: Locale): Array<{ section: string; parts: DiffPart[] }> {
  return COMPARED_SECTIONS.flatMap((section) => {
    const a = sectionText(before, section, locale);
    const b = sectionText(after, section, locale);
    return a === b ? [] : [{ section, parts: diffText(a, b) }];
  });
}
