import * as Y from 'yjs';
import { RICH_TEXT_SECTIONS, type RichNode, type RichTextSection } from './layout';
import { markProblem, richTextProblem, type RichPiece } from './richtext';

/*
 * Rich-text sections in the live document (Y.XmlFragment), read and written the way the
 * collaborative editor (y-prosemirror) does, and bounded by the schema of `./richtext`.
 */

/** One child of a rich-text node, as a walk of a section meets it, with the schema's verdict on it (V6, V7). */
export interface RichChild {
  node: Y.XmlElement | Y.XmlText | Y.XmlHook;
  parent: Y.XmlElement | Y.XmlFragment;
  /** False for what the schema does not accept there: readers leave it out, `sheet repair` removes it. */
  kept: boolean;
}

/**
 * Walks a rich-text section iteratively, each node before its children, and never into what the
 * schema does not keep: a document nested thousands of levels deep, or holding unknown node
 * types, is read in bounded depth and never overflows the stack.
 */
export function* richTextChildren(fragment: Y.XmlFragment): Generator<RichChild> {
  const stack: Array<{ parent: Y.XmlElement | Y.XmlFragment; container: string; depth: number }> = [{ parent: fragment, container: 'doc', depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { parent, container, depth } = next;
    for (const node of parent.toArray()) {
      const content: RichPiece['content'] =
        node instanceof Y.XmlText ? { kind: 'text' } : node instanceof Y.XmlElement ? { kind: 'element', name: node.nodeName } : { kind: 'other', what: 'a hook' };
      const kept = richTextProblem({ container, depth, key: null, content }) === null;
      yield { node, parent, kept };
      if (kept && node instanceof Y.XmlElement) stack.push({ parent: node, container: node.nodeName, depth: depth + 1 });
    }
  }
}

/** An element's attributes the schema defines, with valid values; `dropped` names the others. */
export function richAttributes(element: Y.XmlElement): { attrs: Record<string, unknown>; dropped: string[] } {
  const attrs: Record<string, unknown> = {};
  const dropped: string[] = [];
  // The map itself, not `getAttributes()`: a key such as `__proto__` is an attribute like any other.
  for (const [key, item] of element._map) {
    if (item.deleted) continue;
    const value = item.content.getContent()[item.length - 1];
    if (richTextProblem({ container: element.nodeName, depth: 0, key, content: { kind: 'value', value } }) === null) attrs[key] = value;
    else dropped.push(key);
  }
  return { attrs, dropped };
}

/** A text's runs as ProseMirror text nodes, with the marks the schema knows; `dropped` counts what was left out. */
function textToJson(text: Y.XmlText): { nodes: RichNode[]; dropped: number } {
  let dropped = 0;
  const nodes: RichNode[] = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== 'string') {
      dropped++;
      continue;
    }
    const marks: NonNullable<RichNode['marks']> = [];
    for (const [type, value] of Object.entries(op.attributes ?? {})) {
      if (value === null) continue;
      if (markProblem(type, value) !== null) {
        dropped++;
        continue;
      }
      const attrs = Object.entries(value as Record<string, unknown>);
      marks.push(attrs.length ? { type, attrs: Object.fromEntries(attrs) } : { type });
    }
    nodes.push({ type: 'text', text: op.insert, ...(marks.length ? { marks } : {}) });
  }
  return { nodes, dropped };
}

/**
 * A rich-text section as a ProseMirror `doc` node, read the way the collaborative editor writes
 * it. What the schema does not accept (unknown nodes, content nested too deep, unknown marks and
 * attributes, written before the schema was enforced) is left out and counted in `omitted`.
 */
export function richTextToJson(fragment: Y.XmlFragment): RichNode {
  const root: RichNode = { type: 'doc', content: [] };
  const written = new Map<Y.XmlElement | Y.XmlFragment, RichNode>([[fragment, root]]);
  let omitted = 0;
  for (const { node, parent, kept } of richTextChildren(fragment)) {
    const into = written.get(parent);
    if (!kept || !into) {
      omitted++;
      continue;
    }
    const content = (into.content ??= []);
    if (node instanceof Y.XmlText) {
      const { nodes, dropped } = textToJson(node);
      content.push(...nodes);
      omitted += dropped;
    } else if (node instanceof Y.XmlElement) {
      const { attrs, dropped } = richAttributes(node);
      const json: RichNode = { type: node.nodeName, ...(Object.keys(attrs).length ? { attrs } : {}) };
      content.push(json);
      written.set(node, json);
      omitted += dropped.length;
    }
  }
  if (omitted) root.omitted = omitted;
  return root;
}

/** Plain text of a rich-text section read by `richTextToJson`: one line per block, table cells separated by tabs, a hard break a new line. */
export function richTextToPlain(doc: RichNode): string {
  return linesOf(doc).join('\n');
}

/** Lines of a node; recursion is bounded because `richTextToJson` bounds the depth. */
function linesOf(node: RichNode): string[] {
  const content = node.content ?? [];
  if (node.type === 'tableRow') return [content.map((cell) => linesOf(cell).join(' ')).join('\t')];
  if (content.every((c) => c.type === 'text' || c.type === 'hardBreak')) return [content.map((c) => (c.type === 'text' ? (c.text ?? '') : '\n')).join('')];
  return content.flatMap(linesOf);
}

/** A node of ProseMirror JSON as given over HTTP: only its shape is checked here; the guard judges its schema. */
interface GivenNode {
  type: string;
  attrs: Array<[string, unknown]>;
  content: unknown[];
  text: string | null;
  marks: Array<[string, unknown]>;
}

/** Thrown for JSON that is not ProseMirror JSON at all (the caller answers 400). */
export class RichTextShapeError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function given(raw: unknown): GivenNode {
  if (!isObject(raw) || typeof raw.type !== 'string' || raw.type.length === 0 || raw.type.length > 100) throw new RichTextShapeError('every node needs a type');
  if (raw.attrs !== undefined && !isObject(raw.attrs)) throw new RichTextShapeError('attrs must be an object');
  if (raw.content !== undefined && !Array.isArray(raw.content)) throw new RichTextShapeError('content must be a list of nodes');
  if (raw.marks !== undefined && !Array.isArray(raw.marks)) throw new RichTextShapeError('marks must be a list');
  const isText = raw.type === 'text';
  if (isText !== (typeof raw.text === 'string') || raw.text === '') throw new RichTextShapeError('a text node (and only a text node) has a non-empty text');
  const marks = ((raw.marks as unknown[] | undefined) ?? []).map((mark): [string, unknown] => {
    if (!isObject(mark) || typeof mark.type !== 'string' || (mark.attrs !== undefined && !isObject(mark.attrs))) throw new RichTextShapeError('a mark is { type, attrs? }');
    return [mark.type, mark.attrs ?? {}];
  });
  return { type: raw.type, attrs: Object.entries(raw.attrs ?? {}), content: (raw.content as unknown[] | undefined) ?? [], text: isText ? (raw.text as string) : null, marks };
}

/**
 * Writes the content of a ProseMirror `doc` into a rich-text section at block `at`, as the
 * collaborative editor would (a run of text nodes is one Y.XmlText with marks as formatting
 * attributes; null attributes are left unset), inside the caller's transaction. Iterative and
 * bounded to `maxNodes`; whatever is written as given is judged by the guard.
 */
export function writeRichText(fragment: Y.XmlFragment, content: readonly unknown[], at: number, maxNodes: number): void {
  let nodes = 0;
  const stack: Array<{ parent: Y.XmlFragment | Y.XmlElement; content: readonly unknown[]; at: number }> = [{ parent: fragment, content, at }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const children: Array<Y.XmlElement | Y.XmlText> = [];
    const runs: Array<{ text: Y.XmlText; pieces: Array<{ text: string; marks: Record<string, unknown> }> }> = [];
    let run: (typeof runs)[number] | null = null;
    for (const raw of next.content) {
      if (++nodes > maxNodes) throw new RichTextShapeError(`more than ${maxNodes} nodes`);
      const node = given(raw);
      if (node.text !== null) {
        if (!run) {
          run = { text: new Y.XmlText(), pieces: [] };
          runs.push(run);
          children.push(run.text);
        }
        const marks: Record<string, unknown> = Object.create(null);
        for (const [type, attrs] of node.marks) marks[type] = attrs;
        run.pieces.push({ text: node.text, marks });
        continue;
      }
      run = null;
      const element = new Y.XmlElement(node.type);
      for (const [key, value] of node.attrs) if (value !== null) element.setAttribute(key, value as string);
      children.push(element);
      // Filled once the element is in the document, so no nesting is built up front.
      if (node.content.length) stack.push({ parent: element, content: node.content, at: 0 });
    }
    next.parent.insert(next.at, children);
    for (const { text, pieces } of runs) {
      let index = 0;
      for (const piece of pieces) {
        text.insert(index, piece.text, piece.marks);
        index += piece.text.length;
      }
    }
  }
}

/** What a repair removed from a rich-text section. */
export interface RichTextRepair {
  nodes: number;
  attributes: number;
  marks: number;
}

/** Levels of nesting one repair step deletes: Yjs collects a deleted subtree recursively, so a deep one goes in steps. */
const REPAIR_LEVELS = 500;

/**
 * A repair of a rich-text section: removes what the schema does not accept, which its readers
 * already leave out (nodes, attributes, marks, embeds). Returns the steps, each to run in a
 * transaction of its own, in order, and what they remove in all. Subtrees are deleted from
 * the deepest level up, `REPAIR_LEVELS` at a time, so any depth that loads can be repaired.
 */
function planRichTextRepair(fragment: Y.XmlFragment): { steps: Array<() => void>; removed: RichTextRepair } {
  const removed: RichTextRepair = { nodes: 0, attributes: 0, marks: 0 };
  const fixes: Array<() => void> = [];
  const doomed: Array<{ node: Y.XmlElement | Y.XmlText | Y.XmlHook; depth: number }> = [];
  for (const { node, kept } of richTextChildren(fragment)) {
    if (!kept) {
      for (const below = [{ node, depth: 0 }]; below.length; ) {
        const next = below.pop()!;
        doomed.push(next);
        if (next.node instanceof Y.XmlElement) for (const child of next.node.toArray()) below.push({ node: child, depth: next.depth + 1 });
      }
      removed.nodes++;
    } else if (node instanceof Y.XmlElement) {
      const { dropped } = richAttributes(node);
      removed.attributes += dropped.length;
      if (dropped.length) fixes.push(() => dropped.forEach((key) => node.removeAttribute(key)));
    } else if (node instanceof Y.XmlText) {
      const spans = badSpans(node);
      removed.marks += spans.length;
      if (spans.length) fixes.push(() => spans.forEach((fix) => fix()));
    }
  }
  const steps = fixes.length ? [() => fixes.forEach((fix) => fix())] : [];
  doomed.sort((a, b) => b.depth - a.depth);
  for (let from = 0; from < doomed.length; ) {
    const floor = doomed[from].depth - REPAIR_LEVELS;
    let to = from;
    while (to < doomed.length && doomed[to].depth > floor) to++;
    const batch = doomed.slice(from, to).map((d) => d.node);
    steps.push(() => batch.forEach(deleteNode));
    from = to;
  }
  return { steps, removed };
}

/** The repair of every rich-text section of a sheet: the steps in order, and what they remove, by section. */
export function planSheetRepair(doc: Y.Doc): { steps: Array<() => void>; removed: Partial<Record<RichTextSection, RichTextRepair>> } {
  const steps: Array<() => void> = [];
  const removed: Partial<Record<RichTextSection, RichTextRepair>> = {};
  for (const section of RICH_TEXT_SECTIONS) {
    const plan = planRichTextRepair(doc.getXmlFragment(section));
    steps.push(...plan.steps);
    if (plan.steps.length) removed[section] = plan.removed;
  }
  return { steps, removed };
}

function deleteNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): void {
  const parent = node.parent as Y.XmlElement | Y.XmlFragment | null;
  if (!parent || node._item?.deleted) return;
  parent.delete(parent.toArray().indexOf(node), 1);
}

/** The fixes of a text's runs: marks the schema does not know (or with invalid attributes) unset, embeds deleted. */
function badSpans(text: Y.XmlText): Array<() => void> {
  const fixes: Array<() => void> = [];
  const embeds: number[] = [];
  let index = 0;
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (typeof op.insert !== 'string') embeds.push(index);
    for (const [name, value] of Object.entries(op.attributes ?? {})) {
      if (value === null || markProblem(name, value) === null) continue;
      const [at, key] = [index, name];
      fixes.push(() => text.format(at, length, { [key]: null }));
    }
    index += length;
  }
  // Embeds last, from the end, so the indexes of the formatting fixes still hold.
  for (const at of embeds.reverse()) fixes.push(() => text.delete(at, 1));
  return fixes;
}
