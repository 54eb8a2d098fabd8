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

/** A section's content as lines of text, so that any two versions compare the same way. */
export function sectionText(sheet: ComparableSheet, section: string): string {
  if (section === 'meta') {
    return Object.entries(sheet.meta as Record<string, unknown>)
      .filter(([key]) => key !== 'barrier')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => `${key}: ${typeof value === 'object' && value !== null ? Object.values(value).join(' · ') : String(value ?? '')}`)
      .join('\n');
  }
  if (section === 'stage') return sheet.stage;
  if (section === 'recipients' || section === 'tasks' || section === 'feedback') {
    const rows = sheet[section] as Array<Record<string, unknown>>;
    const columns: Record<string, string[]> = {
      recipients: ['department', 'contact'],
      tasks: ['task', 'department', 'person', 'deliverable', 'deadline', 'status'],
      feedback: ['at', 'author', 'text'],
    };
    return rows.map((row) => columns[section].map((c) => String(row[c] ?? '')).join(' | ')).join('\n');
  }
  return ((sheet[section] as { text?: string } | undefined)?.text ?? '').toString();
}

/** Sections compared between two versions, in the template's order. */
export const COMPARED_SECTIONS = ['stage', 'meta', 'recipients', ...RICH_TEXT_SECTIONS, 'tasks', 'feedback'] as const;

/** Every section that differs between two versions, with its insertions and deletions. */
export function compareSheets(before: ComparableSheet, after: ComparableSheet): Array<{ section: string; parts: DiffPart[] }> {
  return COMPARED_SECTIONS.flatMap((section) => {
    const a = sectionText(before, section);
    const b = sectionText(after, section);
    return a === b ? [] : [{ section, parts: diffText(a, b) }];
  });
}
