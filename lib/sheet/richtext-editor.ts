import { Extension, InputRule } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { isSafeHref } from './richtext';

/**
 * In a numbered list the editor numbers each item itself: "2. " typed at the start of an item, out
 * of habit, is taken as that wish and not kept as text (it would read "2. 2.").
 */
const NumberedByItself = Extension.create({
  name: 'numberedByItself',
  // Before the ordered list's own rule, which would otherwise start a list inside the list.
  priority: 1000,
  addInputRules() {
    return [
      new InputRule({
        find: /^\d{1,3}[.)、]\s$/,
        handler: ({ state, range }) => {
          const { $from } = state.selection;
          const inNumbered = $from.depth >= 2 && $from.node(-1).type.name === 'listItem' && $from.node(-2).type.name === 'orderedList';
          if (!inNumbered) return null;
          state.tr.delete(range.from, range.to);
        },
      }),
    ];
  },
});

/**
 * The editor's schema: the Tiptap extensions every rich-text section is edited with. The guard's
 * list (`RICH_TEXT_NODES`, `RICH_TEXT_MARKS`) is checked against it by `richtext.test.ts`, so the
 * two cannot drift apart. Collaboration brings its own undo, which only undoes this person's
 * changes; Tab and Shift-Tab move between table cells.
 */
export function richTextExtensions() {
  return [
    StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true, isAllowedUri: (url) => isSafeHref(url) } }),
    TableKit.configure({ table: { resizable: false } }),
    NumberedByItself,
  ];
}
