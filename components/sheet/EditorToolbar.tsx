'use client';

import { useEditorState, type Editor } from '@tiptap/react';
import { TextSelection } from '@tiptap/pm/state';
import { t, type Locale, type MessageKey } from '@/lib/i18n';

interface Tool {
  key: MessageKey;
  vars?: Record<string, string | number>;
  /** A short symbol; tools without one show their name. */
  text?: string;
  run: (e: Editor) => void;
  active?: (e: Editor) => boolean;
  /** Shown only with the caret in a table. */
  inTable?: boolean;
}

const TOOLS: Tool[][] = [
  [
    { key: 'toolbar.paragraph', text: '¶', run: (e) => e.chain().focus().setParagraph().run(), active: (e) => e.isActive('paragraph') },
    { key: 'toolbar.heading', vars: { level: 2 }, text: 'H2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
    { key: 'toolbar.heading', vars: { level: 3 }, text: 'H3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
    { key: 'toolbar.quote', text: '❝', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
    { key: 'toolbar.codeBlock', text: '{ }', run: (e) => e.chain().focus().toggleCodeBlock().run(), active: (e) => e.isActive('codeBlock') },
  ],
  [
    { key: 'toolbar.bold', text: 'B', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
    { key: 'toolbar.italic', text: 'I', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
    { key: 'toolbar.code', text: '`', run: (e) => e.chain().focus().toggleCode().run(), active: (e) => e.isActive('code') },
    { key: 'toolbar.link', text: '🔗', run: promptLink, active: (e) => e.isActive('link') },
  ],
  [
    { key: 'toolbar.bulletList', text: '•≡', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
    { key: 'toolbar.orderedList', text: '1.≡', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  ],
  [
    { key: 'toolbar.table', text: '▦', run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
    { key: 'toolbar.addRow', run: (e) => e.chain().focus().addRowAfter().run(), inTable: true },
    { key: 'toolbar.deleteRow', run: (e) => e.chain().focus().deleteRow().run(), inTable: true },
    { key: 'toolbar.addColumn', run: (e) => e.chain().focus().addColumnAfter().run(), inTable: true },
    { key: 'toolbar.deleteColumn', run: (e) => e.chain().focus().deleteColumn().run(), inTable: true },
    { key: 'toolbar.mergeCells', run: (e) => e.chain().focus().mergeCells().run(), inTable: true },
    { key: 'toolbar.splitCell', run: (e) => e.chain().focus().splitCell().run(), inTable: true },
    { key: 'toolbar.deleteTable', run: (e) => e.chain().focus().deleteTable().run(), inTable: true },
  ],
  [
    { key: 'toolbar.undo', text: '↶', run: (e) => e.chain().focus().undo().run() },
    { key: 'toolbar.redo', text: '↷', run: (e) => e.chain().focus().redo().run() },
  ],
];

// The link's address is asked in a plain prompt: it keeps the editor's selection and needs no extra UI.
function promptLink(editor: Editor, message?: string): void {
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const href = window.prompt(message, current);
  if (href === null) return;
  if (!href.trim()) editor.chain().focus().extendMarkRange('link').unsetLink().run();
  // The caret lands after the link, so what is typed next follows it instead of replacing it.
  else editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).command(({ tr }) => !!tr.setSelection(TextSelection.create(tr.doc, tr.selection.to))).run();
}

/** Headings, quotes, code, bold/italic, links, lists, tables (insert, rows, columns, merged cells) and per-person undo, for one rich-text section. */
export function EditorToolbar({ locale, editor, label }: { locale: Locale; editor: Editor; label: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({ inTable: e.isActive('table'), active: TOOLS.flat().map((tool) => tool.active?.(e) ?? false) }),
  });
  let index = 0;
  return (
    <div className="toolbar" role="toolbar" aria-label={t(locale, 'toolbar.label', { section: label })}>
      {TOOLS.map((group, g) => (
        <span key={g} className="toolbar__group">
          {group.map((tool) => {
            const i = index++;
            if (tool.inTable && !state.inTable) return null;
            const name = t(locale, tool.key, tool.vars);
            return (
              <button
                key={name}
                type="button"
                className="toolbar__button"
                aria-label={name}
                title={name}
                aria-pressed={tool.active ? state.active[i] : undefined}
                // Keeps the editor's selection: a click would move focus to the button first.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => (tool.key === 'toolbar.link' ? promptLink(editor, t(locale, 'toolbar.linkPrompt')) : tool.run(editor))}
              >
                {tool.text ?? name}
              </button>
            );
          })}
        </span>
      ))}
    </div>
  );
}
