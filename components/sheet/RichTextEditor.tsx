'use client';

import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, type ReactNode } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { RichTextSection } from '@/lib/sheet/layout';
import type { PresenceUser } from './sync/SheetConnection';

/**
 * Tiptap bound to one rich-text section of the live document, with everyone's named carets.
 * Shows `fallback` until the editor exists (it is created on the client only).
 */
export function RecordEditor(props: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  section: RichTextSection;
  self: PresenceUser;
  editable: boolean;
  label: string;
  fallback: ReactNode;
}) {
  const { doc, provider, section, self, editable, label, fallback } = props;
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable,
      extensions: [
        // Collaboration brings its own undo, which only undoes this person's changes.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: doc, field: section }),
        CollaborationCaret.configure({ provider, user: self }),
      ],
      editorProps: { attributes: { class: 'rich-text rich-text--live', 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' } },
    },
    [doc, provider, section],
  );
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);
  if (!editor) return <>{fallback}</>;
  return <EditorContent editor={editor} data-testid="record-editor" />;
}
