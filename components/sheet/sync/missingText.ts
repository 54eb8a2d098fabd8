import * as Y from 'yjs';
import { isRichTextSection, type Section } from '@/lib/sheet/layout';

/**
 * Text in `fragment` that a peer with state vector `known` does not have: after a refusal, the
 * words the person typed that the server never accepted. One snippet per contiguous run, so that
 * a refused sentence comes back whole while text the server kept is left out.
 */
export function textMissingFrom(fragment: Y.XmlFragment, known: Map<number, number>): string[] {
  const snippets: string[] = [];
  let run = '';
  const flush = () => {
    if (run.trim()) snippets.push(run);
    run = '';
  };
  const visit = (type: Y.AbstractType<unknown>) => {
    for (let item = type._start; item; item = item.right) {
      if (item.deleted) continue;
      if (item.content instanceof Y.ContentString) {
        // Yjs merges neighbouring items of one client, so an item may straddle what the server knows.
        const from = Math.max(0, (known.get(item.id.client) ?? 0) - item.id.clock);
        if (from >= item.length) flush();
        else {
          if (from > 0) flush();
          run += item.content.str.slice(from);
        }
      } else if (item.content instanceof Y.ContentType) {
        visit(item.content.type as Y.AbstractType<unknown>);
        // A block ends a run: text refused in two paragraphs comes back as two snippets.
        flush();
      }
    }
  };
  visit(fragment as Y.AbstractType<unknown>);
  flush();
  return snippets;
}

/** Keys of the structured sections whose values are words a person typed (not ids, dates or codes). */
const TYPED_KEYS = new Set(['title', 'department', 'person', 'contact', 'task', 'deliverable', 'text']);

function typedStrings(value: unknown, into: Set<string>, key = ''): Set<string> {
  if (typeof value === 'string' && TYPED_KEYS.has(key) && value.trim()) into.add(value);
  else if (Array.isArray(value)) for (const v of value) typedStrings(v, into, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) typedStrings(v, into, k);
  return into;
}

/**
 * Every piece of text in `refused` that `fresh` (the server's state) lacks, by section: the rich
 * text by Yjs item, the structured sections (basic information, receivers, tasks, feedback) by value.
 */
export function refusedText(refused: Y.Doc, fresh: Y.Doc, sections: readonly Section[]): Array<{ section: Section; text: string }> {
  const known = Y.decodeStateVector(Y.encodeStateVector(fresh));
  const lost: Array<{ section: Section; text: string }> = [];
  for (const section of sections) {
    if (isRichTextSection(section)) {
      for (const text of textMissingFrom(refused.getXmlFragment(section), known)) lost.push({ section, text });
      continue;
    }
    const kind = section === 'meta' ? 'map' : section === 'recipients' || section === 'tasks' || section === 'feedback' ? 'array' : null;
    if (!kind) continue;
    const read = (doc: Y.Doc) => (kind === 'map' ? doc.getMap(section) : doc.getArray(section)).toJSON();
    const kept = typedStrings(read(fresh), new Set());
    for (const text of typedStrings(read(refused), new Set())) if (!kept.has(text)) lost.push({ section, text });
  }
  return lost;
}
