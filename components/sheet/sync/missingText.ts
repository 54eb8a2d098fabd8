import * as Y from 'yjs';

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
