import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { Anchor } from './model';

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Parameters<typeof absolutePositionToRelativePosition>[2];
}

/** The y-prosemirror binding of an editor, once Collaboration has bound it to its section. */
function bindingOf(state: EditorState): Binding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: Binding | null } | undefined)?.binding;
  return binding?.type.doc ? { doc: binding.type.doc, type: binding.type, mapping: binding.mapping } : null;
}

/**
 * A ProseMirror range as Yjs relative positions. y-prosemirror ties every text position to the
 * character on its left; the start is tied to the character on its right instead, so text typed
 * just before (or just after) the phrase stays outside the range.
 */
export function rangeToAnchor(state: EditorState, from: number, to: number): Anchor | null {
  const binding = bindingOf(state);
  if (!binding || from >= to) return null;
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition;
  const at = Y.createAbsolutePositionFromRelativePosition(start, binding.doc);
  const right = at ? Y.createRelativePositionFromTypeIndex(at.type, at.index, 0) : start;
  return { start: Y.relativePositionToJSON(right), end: Y.relativePositionToJSON(end) };
}

/** Where an anchor is now in the editor, or null when its text is gone (the thread is detached). */
export function anchorToRange(state: EditorState, anchor: Anchor): { from: number; to: number } | null {
  const binding = bindingOf(state);
  if (!binding) return null;
  const resolve = (json: unknown) => {
    try {
      return relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(json), binding.mapping);
    } catch {
      // A position from another section, or written by a hostile client, resolves nowhere.
      return null;
    }
  };
  const from = resolve(anchor.start);
  const to = resolve(anchor.end);
  return from !== null && to !== null && from < to ? { from, to } : null;
}
