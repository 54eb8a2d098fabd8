'use client';

import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import type { RichTextSection } from '@/lib/sheet/layout';
import { commentHighlights } from './CommentHighlights';
import type { CommentStore, CommentsState } from './store';

/** The page's comment store; absent where comments are not live (first paint, kept versions). */
export const CommentsContext = createContext<CommentStore | null>(null);

const noSubscription = () => () => {};

/** The comment store and its current state, or nulls outside a comments layer. */
export function useComments(): { store: CommentStore | null; state: CommentsState | null } {
  const store = useContext(CommentsContext);
  const state = useSyncExternalStore(store?.subscribe ?? noSubscription, () => store?.getState() ?? null, () => null);
  return { store, state };
}

/** The Tiptap extension that draws a section's comment highlights, or null outside a comments layer. */
export function useCommentHighlights(section: RichTextSection) {
  const store = useContext(CommentsContext);
  return useMemo(() => (store ? commentHighlights(store, section) : null), [store, section]);
}
