import { z } from 'zod';
import { LIMITS } from '../limits';

/**
 * The rich-text schema of every rich-text section: the node types, marks and attributes the
 * editor's schema defines (`richTextExtensions`, checked against this list by a test), with
 * values of their kind. The guard refuses anything else (GUARD.md V6, V7); readers skip what is
 * not in it. Names are looked up in `Map`s, never on plain objects, so `constructor` is no node.
 */

/** Only links a person can follow safely: http(s) and mailto. */
export function isSafeHref(href: unknown): href is string {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim());
}

const BLOCKS = ['paragraph', 'blockquote', 'bulletList', 'codeBlock', 'heading', 'horizontalRule', 'orderedList', 'table'] as const;
/** In a section's content, `text` stands for a Y.XmlText: the characters of a textblock. */
const INLINE = ['text', 'hardBreak'] as const;

const text = (max: number) => z.string().max(max).nullable();
const span = z.int().min(1).max(LIMITS.richTextSpanMax);
const cellAttrs = {
  colspan: span,
  rowspan: span,
  colwidth: z.array(z.number().min(0).max(100_000)).max(LIMITS.richTextSpanMax).nullable(),
  align: z.enum(['left', 'center', 'right']).nullable(),
};

/** One node type: its attributes and the node types it may contain. */
export interface RichNodeRule {
  attrs: ReadonlyMap<string, z.ZodType>;
  content: ReadonlySet<string>;
}

function node(content: readonly string[], attrs: Record<string, z.ZodType> = {}): RichNodeRule {
  return { attrs: new Map(Object.entries(attrs)), content: new Set(content) };
}

/** Node types by name; `doc` is the section itself (the Y.XmlFragment). */
export const RICH_TEXT_NODES: ReadonlyMap<string, RichNodeRule> = new Map([
  ['doc', node(BLOCKS)],
  ['paragraph', node(INLINE)],
  ['heading', node(INLINE, { level: z.int().min(1).max(6) })],
  ['blockquote', node(BLOCKS)],
  ['bulletList', node(['listItem'])],
  ['orderedList', node(['listItem'], { start: z.int().min(-1_000_000).max(1_000_000), type: text(16) })],
  ['listItem', node(BLOCKS)],
  ['codeBlock', node(['text'], { language: text(200) })],
  ['horizontalRule', node([])],
  ['hardBreak', node([])],
  ['table', node(['tableRow'])],
  ['tableRow', node(['tableCell', 'tableHeader'])],
  ['tableCell', node(BLOCKS, cellAttrs)],
  ['tableHeader', node(BLOCKS, cellAttrs)],
]);

/** Marks by name, with their attributes; a mark's value in the document is its attributes, or null where it ends. */
export const RICH_TEXT_MARKS: ReadonlyMap<string, ReadonlyMap<string, z.ZodType>> = new Map(
  Object.entries({
    bold: {},
    italic: {},
    strike: {},
    underline: {},
    code: {},
    link: {
      href: z.string().max(LIMITS.richTextAttrBytes).refine(isSafeHref, 'links are http(s) or mailto').nullable(),
      target: z.enum(['_blank', '_self', '_parent', '_top']).nullable(),
      rel: text(200),
      class: text(200),
      title: text(1000),
    },
  }).map(([name, attrs]) => [name, new Map(Object.entries(attrs as Record<string, z.ZodType>))]),
);

/**
 * One piece of content an update inserts into a rich-text section, as the guard's inspection
 * reports it. `container` is what it is inserted into: `doc` for the section, an element's node
 * name, `#text` inside a text, `#other` inside anything else; `key` names an attribute.
 */
export interface RichPiece {
  container: string;
  /** Nested types between the section and the piece: 0 for the section's own children. */
  depth: number;
  key: string | null;
  content:
    | { kind: 'element'; name: string }
    | { kind: 'text' }
    | { kind: 'characters' }
    | { kind: 'format'; key: string; value: unknown }
    | { kind: 'value'; value: unknown }
    | { kind: 'other'; what: string };
}

/** What is wrong with a piece of rich text under the schema, or null when it is fine (V6, V7). */
export function richTextProblem(piece: RichPiece): string | null {
  const { container, content } = piece;
  if (container === '#text') {
    if (piece.key !== null) return 'a text has no attributes';
    if (content.kind === 'characters') return null;
    if (content.kind !== 'format') return `a text holds only characters and marks, not ${describe(content)}`;
    return markProblem(content.key, content.value);
  }
  const rule = RICH_TEXT_NODES.get(container);
  if (!rule) return `unknown container ${JSON.stringify(container.slice(0, 40))}`;
  if (piece.key !== null) {
    if (content.kind !== 'value') return `attribute ${JSON.stringify(piece.key.slice(0, 40))} holds ${describe(content)}`;
    const schema = rule.attrs.get(piece.key);
    if (!schema) return `${container} has no attribute ${JSON.stringify(piece.key.slice(0, 40))}`;
    if (!fitsAttribute(content.value) || !schema.safeParse(content.value).success) return `${container}.${piece.key} holds an invalid value`;
    return null;
  }
  const name = content.kind === 'element' ? content.name : content.kind === 'text' ? 'text' : null;
  if (name === null) return `${container} holds ${describe(content)}`;
  if (!RICH_TEXT_NODES.has(name) && name !== 'text') return `unknown node type ${JSON.stringify(name.slice(0, 40))}`;
  if (!rule.content.has(name)) return `${container} may not contain ${name}`;
  if (piece.depth >= LIMITS.richTextDepth) return `rich text nested deeper than ${LIMITS.richTextDepth} levels`;
  return null;
}

/** A mark boundary: a known mark, with its own attributes only, each of its kind; null ends a mark. */
export function markProblem(name: string, value: unknown): string | null {
  const attrs = RICH_TEXT_MARKS.get(name);
  if (!attrs) return `unknown mark ${JSON.stringify(name.slice(0, 40))}`;
  if (value === null) return null;
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype || !fitsAttribute(value)) return `mark ${name} holds an invalid value`;
  for (const [key, v] of Object.entries(value)) {
    const schema = attrs.get(key);
    if (!schema || !schema.safeParse(v).success) return `mark ${name} holds an invalid ${JSON.stringify(key.slice(0, 40))}`;
  }
  return null;
}

/** Attribute values are bounded in size (V7), whatever their kind. */
function fitsAttribute(value: unknown): boolean {
  try {
    return (JSON.stringify(value) ?? '').length <= LIMITS.richTextAttrBytes;
  } catch {
    return false;
  }
}

function describe(content: RichPiece['content']): string {
  return content.kind === 'other' ? content.what : content.kind === 'element' ? `an element ${JSON.stringify(content.name.slice(0, 40))}` : content.kind;
}
