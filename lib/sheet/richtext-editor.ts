import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { isSafeHref } from './richtext';

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
  ];
}
