import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { Anchor } from './model';

/** A section's Y.XmlFragment and y-prosemirror's map from its Yjs types to ProseMirror nodes: what anchors are resolved against. */
export interface SectionBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Parameters<typeof absolutePositionToRelativePosition>[2];
}

/** The y-prosemirror binding of an editor, once Collaboration has bound it to its section. */
export function bindingOf(state: EditorState): SectionBinding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: SectionBinding | null } | undefined)?.binding;
  return binding?.type.doc ? { doc: binding.type.doc, type: binding.type, mapping: binding.mapping } : null;
}

/**
 * A ProseMirror range as Yjs relative positions. y-prosemirror ties every text position to the
 * character on its left; the start is tied to the character on its right instead, so text typed
 * just before (or just after) the phrase stays outside the range.
 */
export function rangeToAnchor(binding: SectionBinding | null, from: number, to: number): Anchor | null {
  if (!binding || from >= to) return null;
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition;
  const at = Y.createAbsolutePositionFromRelativePosition(start, binding.doc);
  const right = at ? Y.createRelativePositionFromTypeIndex(at.type, at.index, 0) : start;
  return { start: Y.relativePositionToJSON(right), end: Y.relativePositionToJSON(end) };
}

/** A stored relative position as a ProseMirror position, or null when it resolves nowhere in this section. */
function resolve(binding: SectionBinding, json: unknown): number | null {
  try {
    const at = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), binding.doc);
    if (!at) return null;
    // Handed over tied to the left (or to the start of its text): y-prosemirror discards a
    // position tied to a character that lands at 0 or 1, its guard against blocks dragged away,
    // and that is exactly where a comment on the first words of a section starts.
    return relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromTypeIndex(at.type, at.index, -1), binding.mapping);
  } catch {
    // A position from another section, or written by a hostile client, resolves nowhere.
    return null;
  }
}

/** Where an anchor is now in the editor, or null when its text is gone (the thread is detached). */
export function anchorToRange(binding: SectionBinding | null, anchor: Anchor): { from: number; to: number } | null {
  if (!binding) return null;
  const from = resolve(binding, anchor.start);
  const to = resolve(binding, anchor.end);
  return from !== null && to !== null && from < to ? { from, to } : null;
}
