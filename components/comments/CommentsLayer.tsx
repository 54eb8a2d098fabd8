'use client';

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { t, type Locale } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { roleAtLeast, type Role } from '@/lib/policies';
import type { Stage } from '@/lib/sheet/fields';
import { PART_TITLE, type DirectoryPerson, type TaskView } from '../sheet/model';
import { bindingOf, rangeToAnchor } from './anchors';
import { CommentsPanel } from './CommentsPanel';
import { CommentsContext, useComments } from './context';
import { matches, type Place, type ThreadSection, type Viewer } from './model';
import { CommentStore, taskDraft } from './store';
import type { CommentRights } from './ThreadDetail';

/**
 * Comments for the live sheet: one store over the `comments` section, the side panel, and the
 * buttons that appear over a selection in any rich-text section. Wraps the sections so their
 * editors, counts and task rows reach the store.
 */
export function CommentsLayer(props: { locale: Locale; sheetId: string; doc: Y.Doc; self: Viewer; role: Role; stage: Stage; directory: DirectoryPerson[]; tasks: TaskView[]; parties: string[]; children: ReactNode }) {
  const { locale, sheetId, doc, self, role, stage, tasks } = props;
  const writesDoc = role !== 'viewer';
  const store = useMemo(() => new CommentStore(doc, sheetId, { id: self.id, name: self.name, department: self.department }, writesDoc), [doc, sheetId, self.id, self.name, self.department, writesDoc]);
  useEffect(() => store.follow(), [store]);
  useEffect(() => store.set({ archived: stage === 'archived' }), [store, stage]);
  const taskIds = tasks.map((task) => task.id).join(' ');
  useEffect(() => store.set({ taskIds: new Set(taskIds.split(' ').filter(Boolean)) }), [store, taskIds]);
  const rights: CommentRights = { write: stage !== 'archived', writeDoc: writesDoc && stage !== 'archived', changeAny: roleAtLeast(role, 'editor'), moderate: role === 'facilitator' };
  const placeOf = (where: Place) => {
    if (where.section !== 'tasks' || !where.taskId) return t(locale, PART_TITLE[where.section]);
    const n = tasks.findIndex((task) => task.id === where.taskId) + 1;
    return `${t(locale, PART_TITLE.tasks)} · ${n ? t(locale, 'comments.onTask', { n }) : t(locale, 'comments.taskGone')}`;
  };
  return (
    <CommentsContext.Provider value={store}>
      {props.children}
      {rights.write && <SelectionActions locale={locale} store={store} />}
      <Panel locale={locale} rights={rights} directory={props.directory} parties={props.parties} placeOf={placeOf} />
    </CommentsContext.Provider>
  );
}

function Panel(props: { locale: Locale; rights: CommentRights; directory: DirectoryPerson[]; parties: string[]; placeOf: (where: Place) => string }) {
  const { store, state } = useComments();
  return store && state ? <CommentsPanel {...props} store={store} state={state} /> : null;
}

/** A selection in a section's editor: where it is on screen and as ProseMirror positions. */
interface Selected {
  section: ThreadSection;
  from: number;
  to: number;
  top: number;
  left: number;
}

/** Reads the page's selection, if it lies within one registered editor. */
function readSelection(store: CommentStore): Selected | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !selection.anchorNode || !selection.focusNode) return null;
  const at = store.viewOf(selection.anchorNode);
  if (!at || !at.view.dom.contains(selection.focusNode)) return null;
  // The DOM selection, not the editor's: a read-only editor (a commenter's) does not track one.
  const a = at.view.posAtDOM(selection.anchorNode, selection.anchorOffset);
  const b = at.view.posAtDOM(selection.focusNode, selection.focusOffset);
  if (a === b) return null;
  const rect = selection.getRangeAt(0).getBoundingClientRect();
  return { section: at.section, from: Math.min(a, b), to: Math.max(a, b), top: rect.top, left: rect.left + rect.width / 2 };
}

/** "Comment" and "raise a disputed point" over selected text; "use as the result" while a dispute is being linked. */
function SelectionActions({ locale, store }: { locale: Locale; store: CommentStore }) {
  const [selected, setSelected] = useState<Selected | null>(null);
  const { state } = useComments();
  useEffect(() => {
    const update = () => setSelected(readSelection(store));
    document.addEventListener('selectionchange', update);
    window.addEventListener('scroll', update, true);
    return () => {
      document.removeEventListener('selectionchange', update);
      window.removeEventListener('scroll', update, true);
    };
  }, [store]);
  if (!selected || !state) return null;
  const view = store.viewOf(window.getSelection()?.anchorNode ?? document.body)?.view;
  if (!view) return null;
  const anchor = () => rangeToAnchor(bindingOf(view.state), selected.from, selected.to);
  const quote = view.state.doc.textBetween(selected.from, selected.to, ' ').slice(0, LIMITS.commentChars);
  const start = (kind: 'comment' | 'dispute') => {
    const at = anchor();
    if (!at) return;
    store.set({ draft: { section: selected.section, anchor: at, taskId: null, quote, kind }, panel: 'threads', openId: null });
    window.getSelection()?.removeAllRanges();
  };
  const linking = state.linkingId && selected.section === 'result';
  return (
    <div className="selection-actions" role="toolbar" aria-label={t(locale, 'comments.selectionLabel')} style={{ top: Math.min(Math.max(selected.top - 44, 4), window.innerHeight - 48), left: selected.left }} onMouseDown={(e) => e.preventDefault()}>
      {linking ? (
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => {
            store.linkResult(state.linkingId!, anchor());
            store.set({ linkingId: null });
            window.getSelection()?.removeAllRanges();
          }}
        >
          {t(locale, 'comments.useAsResult')}
        </button>
      ) : (
        <>
          <button type="button" className="button button--small" onClick={() => start('comment')}>
            {t(locale, 'comments.comment')}
          </button>
          <button type="button" className="button button--small selection-actions__dispute" onClick={() => start('dispute')}>
            {t(locale, 'comments.raiseDispute')}
          </button>
        </>
      )}
    </div>
  );
}

// Drawn, not an emoji: the machines in a meeting room often have no emoji font.
function BubbleIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H7l-3.2 2.6c-.3.3-.8 0-.8-.4V11h0A1.5 1.5 0 0 1 2 9.5z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}

/** The number of a section's threads passing the filter, in its header; a click lists them. */
export function SectionCommentCount({ locale, section, title }: { locale: Locale; section: ThreadSection; title: string }) {
  const { store, state } = useComments();
  if (!store || !state) return null;
  const threads = state.threads.filter((th) => th.section === section && matches(state.filter, th, store.viewer));
  if (threads.length === 0) return null;
  const disputes = threads.some((th) => th.kind === 'dispute');
  const label = t(locale, 'comments.count', { section: title, n: threads.length, filter: t(locale, `comments.filter.${state.filter}`) });
  return (
    <button type="button" className={`comment-count${disputes ? ' comment-count--dispute' : ''}`} aria-label={label} title={label} data-testid={`comment-count-${section}`} onClick={() => store.set({ panel: 'threads', sectionFilter: section, taskFilter: null, openId: null, draft: null })}>
      <BubbleIcon /> {threads.length}
    </button>
  );
}

/** Lists a task row's threads, or opens a new one when it has none; shows how many are open. */
export function TaskCommentButton({ locale, taskId, n }: { locale: Locale; taskId: string; n: number }) {
  const { store, state } = useComments();
  if (!store || !state) return null;
  const threads = state.threads.filter((th) => th.taskId === taskId);
  const open = threads.filter((th) => th.status === 'open').length;
  if (state.archived && threads.length === 0) return null;
  const label = t(locale, 'comments.taskButton', { n });
  return (
    <button
      type="button"
      className={`button button--small button--quiet task-comments${open > 0 ? ' task-comments--open' : ''}`}
      aria-label={label}
      title={label}
      data-testid={`task-comments-${taskId}`}
      onClick={() =>
        threads.length > 0
          ? store.set({ panel: 'threads', sectionFilter: 'tasks', taskFilter: taskId, openId: null, draft: null })
          : store.set({ draft: taskDraft(taskId), panel: 'threads', openId: null })
      }
    >
      <BubbleIcon />
      {open > 0 ? ` ${open}` : ''}
    </button>
  );
}

/** Opens the side panel on the open disputed points; says how many there are. */
export function DiscussionButton({ locale }: { locale: Locale }) {
  const { store, state } = useComments();
  if (!store || !state) return null;
  const n = state.threads.filter((th) => th.kind === 'dispute' && th.status === 'open').length;
  // Shows the disputes list from wherever the panel is; a second click on that list closes it.
  const showing = state.panel === 'disputes' && !state.openId && !state.draft;
  return (
    <button type="button" className="button button--small" data-testid="discussion-button" aria-expanded={showing} onClick={() => store.set({ panel: showing ? 'closed' : 'disputes', openId: null, draft: null })}>
      {n > 0 ? t(locale, 'comments.openPanelCount', { n }) : t(locale, 'comments.openPanel')}
    </button>
  );
}
