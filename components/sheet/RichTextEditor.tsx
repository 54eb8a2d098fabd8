'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, type ReactNode } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { Locale } from '@/lib/i18n';
import type { RichTextSection } from '@/lib/sheet/layout';
import { richTextExtensions } from '@/lib/sheet/richtext-editor';
import { useCommentHighlights } from '../comments/context';
import { EditorToolbar } from './EditorToolbar';
import type { PresenceUser } from './sync/SheetConnection';

/**
 * Tiptap bound to one rich-text section of the live document, with everyone's named carets and
 * a formatting toolbar. Shows `fallback` until the editor exists (it is created on the client only).
 */
export function RichTextEditor(props: {
  locale: Locale;
  doc: Y.Doc;
  provider: WebsocketProvider;
  section: RichTextSection;
  self: PresenceUser;
  editable: boolean;
  label: string;
  fallback: ReactNode;
}) {
  const { locale, doc, provider, section, self, editable, label, fallback } = props;
  const comments = useCommentHighlights(section);
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        ...richTextExtensions(),
        Collaboration.configure({ document: doc, field: section }),
        CollaborationCaret.configure({ provider, user: self }),
        ...(comments ? [comments] : []),
      ],
      editorProps: { attributes: { class: 'rich-text rich-text--live', 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' } },
    },
    [doc, provider, section, comments],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  if (!editor) return <>{fallback}</>;
  return (
    <div className="rich-editor">
      {editable && <EditorToolbar locale={locale} editor={editor} label={label} />}
      <EditorContent editor={editor} data-testid={`${section}-editor`} />
    </div>
  );
}
