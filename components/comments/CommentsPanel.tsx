'use client';

import { useState } from 'react';
import { formatDate, t, type Locale } from '@/lib/i18n';
import type { DirectoryPerson } from '../sheet/model';
import { MentionInput } from './MentionInput';
import { departmentsOf, headline, matches, THREAD_FILTERS, type Place, type ThreadFilter, type ThreadView } from './model';
import { RICH_TEXT_SECTIONS } from '@/lib/sheet/layout';
import { disputeDraft, taskDraft, type CommentStore, type CommentsState, type DraftThread } from './store';
import { ThreadDetail, type CommentRights } from './ThreadDetail';

/**
 * The side panel: the threads of the sheet (filtered, or of one section), one thread in full, a
 * new thread being written, or the open disputed points of the meeting, oldest first.
 */
export function CommentsPanel(props: { locale: Locale; store: CommentStore; state: CommentsState; rights: CommentRights; directory: DirectoryPerson[]; parties: string[]; placeOf: (where: Place) => string }) {
  const { locale, store, state, rights, placeOf } = props;
  if (state.panel === 'closed') return null;
  const disputes = state.threads.filter((th) => th.kind === 'dispute' && th.status === 'open');
  const open = state.threads.find((th) => th.id === state.openId);
  // The tab lit is the kind of what is shown: a disputed point open (or being written) is under 争议点.
  const shownKind = open?.kind ?? state.draft?.kind;
  const shown = shownKind ? (shownKind === 'dispute' ? 'disputes' : 'threads') : state.panel;
  const tab = (panel: 'threads' | 'disputes', label: string) => (
    <button type="button" role="tab" aria-selected={shown === panel} className="comments-panel__tab" onClick={() => store.set({ panel, openId: null, draft: null })}>
      {label}
    </button>
  );
  return (
    <aside className="comments-panel" aria-label={t(locale, 'comments.panelLabel')} data-testid="comments-panel">
      <header className="comments-panel__head">
        <div role="tablist">
          {tab('threads', t(locale, 'comments.tabThreads'))}
          {tab('disputes', t(locale, 'comments.tabDisputes', { n: disputes.length }))}
        </div>
        <button type="button" className="button button--small button--quiet" aria-label={t(locale, 'comments.close')} onClick={() => store.set({ panel: 'closed', openId: null, draft: null, linkingId: null })}>
          ✕
        </button>
      </header>
      {!rights.write && <p className="thread__hint">{t(locale, 'comments.readOnly')}</p>}
      {rights.write && !rights.writeDoc && <p className="thread__hint">{t(locale, 'comments.viewerNote')}</p>}
      <div className="comments-panel__body">
        {state.draft ? (
          <NewThread locale={locale} store={store} draft={state.draft} placeOf={placeOf} directory={props.directory} />
        ) : open ? (
          <>
            <button type="button" className="comments-link" onClick={() => store.set({ openId: null, linkingId: null })}>
              ← {t(locale, 'comments.back')}
            </button>
            <ThreadDetail key={open.id} locale={locale} store={store} thread={open} place={placeOf(open)} rights={rights} directory={props.directory} parties={props.parties} linking={state.linkingId === open.id} />
          </>
        ) : state.panel === 'disputes' ? (
          <DisputeList locale={locale} store={store} disputes={disputes} placeOf={placeOf} canWrite={rights.write} />
        ) : (
          <ThreadList locale={locale} store={store} state={state} placeOf={placeOf} canWrite={rights.write} />
        )}
      </div>
    </aside>
  );
}

/** Every thread passing the filter (and the section chosen by its count), or every thread of one task row; oldest first. */
function ThreadList({ locale, store, state, placeOf, canWrite }: { locale: Locale; store: CommentStore; state: CommentsState; placeOf: (where: Place) => string; canWrite: boolean }) {
  const { taskFilter, sectionFilter } = state;
  const shown = state.threads.filter((th) => (taskFilter ? th.taskId === taskFilter : matches(state.filter, th, store.viewer) && (!sectionFilter || th.section === sectionFilter)));
  return (
    <>
      {!taskFilter && (
        <label className="comments-panel__filter">
          <span>{t(locale, 'comments.filter')}</span>
          <select value={state.filter} onChange={(e) => store.set({ filter: e.target.value as ThreadFilter })}>
            {THREAD_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(locale, `comments.filter.${f}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {sectionFilter && (
        <p className="comments-panel__scope">
          {t(locale, 'comments.sectionOnly', { section: placeOf({ section: sectionFilter, taskId: taskFilter }) })}{' '}
          <button type="button" className="comments-link" onClick={() => store.set({ sectionFilter: null, taskFilter: null })}>
            {t(locale, 'comments.showAll')}
          </button>
        </p>
      )}
      {taskFilter && canWrite && (
        <button type="button" className="button button--small comments-panel__new" onClick={() => store.set({ draft: taskDraft(taskFilter), openId: null })}>
          {t(locale, 'comments.newOnTask')}
        </button>
      )}
      {shown.length === 0 ? (
        <p className="thread__hint">{t(locale, 'comments.empty')}</p>
      ) : (
        <ul className="thread-list" data-testid="thread-list">
          {shown.map((th) => (
            <li key={th.id}>
              <button type="button" className={`thread-card thread-card--${th.kind}`} onClick={() => store.open(th.id)}>
                <span className="thread-card__meta">
                  {t(locale, `comments.kind.${th.kind}`)} · {placeOf(th)} · {t(locale, `comments.status.${th.status}`)}
                  {th.section !== 'tasks' && store.isDetached(th) && ` · ${t(locale, 'comments.detached')}`}
                  {th.private && ` · ${t(locale, 'comments.private')}`}
                </span>
                {th.quote && <span className="thread-card__quote">{th.quote}</span>}
                <span className="thread-card__text">{headline(th)}</span>
                <span className="thread-card__meta">
                  {t(locale, 'comments.raisedBy', { name: th.createdByName, at: formatDate(locale, th.createdAt, true) })} · {t(locale, 'comments.replies', { n: Math.max(th.messages.length - (th.kind === 'comment' ? 1 : 0), 0) })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The open disputed points of the meeting, oldest first, with the departments that stated a position; a click shows the text. A new one needs no selected words. */
function DisputeList({ locale, store, disputes, placeOf, canWrite }: { locale: Locale; store: CommentStore; disputes: ThreadView[]; placeOf: (where: Place) => string; canWrite: boolean }) {
  return (
    <>
      {canWrite && (
        <button type="button" className="button button--small comments-panel__new" onClick={() => store.set({ draft: disputeDraft(), openId: null })}>
          {t(locale, 'comments.newDispute')}
        </button>
      )}
      {disputes.length === 0 ? <p className="thread__hint">{t(locale, 'comments.disputesEmpty')}</p> : <Disputes locale={locale} store={store} disputes={disputes} placeOf={placeOf} />}
    </>
  );
}

/** The list itself: each point with its quote, the departments that spoke, where and by whom. */
function Disputes({ locale, store, disputes, placeOf }: { locale: Locale; store: CommentStore; disputes: ThreadView[]; placeOf: (where: Place) => string }) {
  return (
    <ol className="thread-list" data-testid="disputes-list">
      {disputes.map((th) => {
        const departments = departmentsOf(th);
        return (
          <li key={th.id}>
            <button
              type="button"
              className="thread-card thread-card--dispute"
              onClick={() => {
                store.open(th.id);
                store.reveal(th.section, th.anchor, th.taskId);
              }}
            >
              <span className="thread-card__text">{headline(th)}</span>
              {th.quote && <span className="thread-card__quote">{th.quote}</span>}
              <span className="thread-card__depts">
                {departments.length > 0 ? departments.map((d) => <span key={d} className="dept-chip">{d}</span>) : <span className="thread-card__meta">{t(locale, 'comments.noDepartments')}</span>}
              </span>
              <span className="thread-card__meta">
                {placeOf(th)} · {t(locale, 'comments.raisedBy', { name: th.createdByName, at: formatDate(locale, th.createdAt, true) })}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/** The first words of a new thread, or a new dispute's question; a dispute on no words in particular asks which section it is about. */
function NewThread({ locale, store, draft, placeOf, directory }: { locale: Locale; store: CommentStore; draft: DraftThread; placeOf: (where: Place) => string; directory: DirectoryPerson[] }) {
  const [error, setError] = useState<string | null>(null);
  const dispute = draft.kind === 'dispute';
  const onSection = dispute && !draft.anchor && !draft.taskId;
  const place = onSection ? (
    <label className="thread__section-pick">
      <span>{t(locale, 'comments.disputeSection')}</span>
      <select value={draft.section} onChange={(e) => store.set({ draft: { ...draft, section: e.target.value as DraftThread['section'] } })}>
        {RICH_TEXT_SECTIONS.map((section) => (
          <option key={section} value={section}>
            {placeOf({ section, taskId: null })}
          </option>
        ))}
      </select>
    </label>
  ) : (
    <span className="thread__place">{placeOf(draft)}</span>
  );
  return (
    <section className={`thread thread--${draft.kind}`} aria-label={t(locale, dispute ? 'comments.newDispute' : 'comments.newComment')}>
      <header className="thread__head">
        <span className={`thread__kind thread__kind--${draft.kind}`}>{t(locale, dispute ? 'comments.newDispute' : 'comments.newComment')}</span>
        {place}
      </header>
      {draft.quote && <blockquote className="thread__quote">{draft.quote}</blockquote>}
      <MentionInput
        locale={locale}
        directory={dispute ? [] : directory}
        label={t(locale, dispute ? 'comments.questionLabel' : 'comments.textLabel')}
        submitLabel={t(locale, 'comments.send')}
        testId="new-thread"
        onCancel={() => store.set({ draft: null })}
        onSubmit={async (text, mentions) => {
          const id = await store.create(draft, text, mentions);
          if (id) store.open(id);
          else setError(t(locale, 'comments.failed', { message: '' }));
        }}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
