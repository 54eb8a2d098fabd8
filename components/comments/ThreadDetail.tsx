'use client';

import { useId, useState } from 'react';
import { formatDate, t, type Locale } from '@/lib/i18n';
import type { ApiResult } from '../http/api';
import type { DirectoryPerson } from '../sheet/model';
import { MentionInput } from './MentionInput';
import { headline, onlyBy, type EntryView, type ThreadView } from './model';
import type { CommentStore } from './store';

/** What this person may do with comments, mirroring the guard (GUARD.md C1-C5). */
export interface CommentRights {
  /** Anything at all: false on an archived sheet. */
  write: boolean;
  /** Through the Y.Doc (commenters and up); a viewer's messages and own threads go through the API, without positions, solutions or result links. */
  writeDoc: boolean;
  /** Changes any thread's status (editors and up); a thread's author always may. */
  changeAny: boolean;
  /** Removes any thread or entry (the facilitator); others remove only their own. */
  moderate: boolean;
}

/** One thread in full: where it is, a dispute's question, positions, solutions and result, the conversation. */
export function ThreadDetail(props: { locale: Locale; store: CommentStore; thread: ThreadView; place: string; rights: CommentRights; directory: DirectoryPerson[]; parties: string[]; linking: boolean }) {
  const { locale, store, thread, rights, directory, place } = props;
  const [error, setError] = useState<string | null>(null);
  const self = store.viewer;
  const mayChange = rights.write && (thread.createdBy === self.id || rights.changeAny);
  const mayRemove = rights.write && (rights.moderate || (thread.createdBy === self.id && onlyBy(thread, self.id)));
  const dispute = thread.kind === 'dispute';
  const detached = store.isDetached(thread);
  /** Shows why a write through the API was refused (a viewer's); writes to the document report nothing here. */
  const report = async (write: Promise<ApiResult<unknown> | null>) => {
    const done = await write;
    setError(done && !done.ok ? t(locale, 'comments.failed', { message: done.message }) : null);
  };
  const setStatus = (status: ThreadView['status']) => void report(store.setField(thread.id, 'status', status));
  const reply = (text: string, mentions: string[]) => report(store.reply(thread.id, text, mentions));

  return (
    <article className={`thread thread--${thread.kind}`} data-testid="thread" data-thread-id={thread.id} aria-label={headline(thread)}>
      <header className="thread__head">
        <span className={`thread__kind thread__kind--${thread.kind}`}>{t(locale, `comments.kind.${thread.kind}`)}</span>
        <span className={`thread__status thread__status--${thread.status}`} data-testid="thread-status">
          {t(locale, `comments.status.${thread.status}`)}
        </span>
        {thread.private && <span className="thread__private">{t(locale, 'comments.private')}</span>}
        <span className="thread__place">{place}</span>
      </header>
      {thread.quote && (
        <blockquote className={`thread__quote${detached ? ' is-detached' : ''}`}>
          {detached && <strong className="thread__detached">{t(locale, 'comments.detached')}</strong>}
          {thread.quote}
        </blockquote>
      )}
      {detached && thread.section !== 'tasks' && <p className="thread__hint">{t(locale, 'comments.detachedHint')}</p>}
      {!detached && (
        <button type="button" className="comments-link" onClick={() => store.reveal(thread.section, thread.anchor, thread.taskId)}>
          ↳ {t(locale, 'comments.jump')}
        </button>
      )}

      {dispute && (
        <>
          <h3 className="thread__subtitle">{t(locale, 'comments.questionLabel')}</h3>
          <p className="thread__question">{headline(thread)}</p>
          <EntryList locale={locale} store={store} thread={thread} list="positions" report={report} title={t(locale, 'comments.positions')} empty={t(locale, 'comments.noPositions')} rights={rights} />
          {rights.writeDoc && thread.status === 'open' && <PositionForm locale={locale} parties={props.parties} onAdd={(department, text) => store.add(thread.id, 'positions', { department, text })} />}
          <EntryList locale={locale} store={store} thread={thread} list="solutions" report={report} title={t(locale, 'comments.solutions')} empty={t(locale, 'comments.noSolutions')} rights={rights} />
          {rights.writeDoc && thread.status === 'open' && (
            <MentionInput locale={locale} directory={[]} label={t(locale, 'comments.solutionText')} submitLabel={t(locale, 'comments.addSolution')} onSubmit={(text) => store.add(thread.id, 'solutions', { text })} />
          )}
          <ResultLink locale={locale} store={store} thread={thread} mayChange={mayChange && rights.writeDoc} linking={props.linking} />
          {mayChange && (
            <label className="checkbox thread__private-toggle">
              <input type="checkbox" checked={thread.private} onChange={(e) => void report(store.setField(thread.id, 'private', e.target.checked))} />
              <span>{t(locale, 'comments.privateToggle')}</span>
            </label>
          )}
        </>
      )}

      {(!dispute || thread.messages.length > 0) && <EntryList locale={locale} store={store} thread={thread} list="messages" rights={rights} directory={directory} report={report} />}
      {rights.write && <MentionInput locale={locale} directory={directory} label={t(locale, 'comments.replyLabel')} submitLabel={t(locale, 'comments.reply')} onSubmit={reply} testId="reply" />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      {(mayChange || mayRemove) && (
        <div className="thread__actions">
          {!mayChange ? null : thread.status !== 'open' ? (
            <button type="button" className="button button--small" onClick={() => setStatus('open')}>
              {t(locale, 'comments.reopen')}
            </button>
          ) : dispute ? (
            <>
              <button type="button" className="button button--small button--primary" onClick={() => setStatus('agreed')}>
                {t(locale, 'comments.agree')}
              </button>
              <button type="button" className="button button--small" onClick={() => setStatus('dropped')}>
                {t(locale, 'comments.drop')}
              </button>
            </>
          ) : (
            <button type="button" className="button button--small button--primary" onClick={() => setStatus('resolved')}>
              {t(locale, 'comments.resolve')}
            </button>
          )}
          {mayRemove && <RemoveThread locale={locale} onRemove={() => void report(store.removeThread(thread.id))} />}
        </div>
      )}
    </article>
  );
}

/** Removes the whole thread, after asking: its words are gone for everyone. */
function RemoveThread({ locale, onRemove }: { locale: Locale; onRemove: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--small button--quiet thread__remove" onClick={() => setAsking(true)}>
        {t(locale, 'comments.removeThread')}
      </button>
    );
  }
  return (
    <div className="thread__confirm" role="group" aria-label={t(locale, 'comments.removeThread')}>
      <p>{t(locale, 'comments.removeConfirm')}</p>
      <button type="button" className="button button--small thread__remove-confirm" onClick={onRemove}>
        {t(locale, 'comments.removeYes')}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={() => setAsking(false)}>
        {t(locale, 'comments.cancel')}
      </button>
    </div>
  );
}

/** A list of a thread (messages, positions or solutions): each entry with its author and time; one's own can be edited and deleted. */
function EntryList(props: {
  locale: Locale;
  store: CommentStore;
  thread: ThreadView;
  list: 'messages' | 'positions' | 'solutions';
  title?: string;
  empty?: string;
  rights: CommentRights;
  directory?: DirectoryPerson[];
  report: (write: Promise<ApiResult<unknown> | null>) => Promise<void>;
}) {
  const { locale, store, thread, list, rights, report } = props;
  // A viewer has only messages, changed through the API.
  const mayWrite = rights.write && (rights.writeDoc || list === 'messages');
  const [editing, setEditing] = useState<string | null>(null);
  const entries = thread[list];
  return (
    <section className="thread__list" aria-label={props.title}>
      {props.title && <h3 className="thread__subtitle">{props.title}</h3>}
      {entries.length === 0 && props.empty && <p className="thread__hint">{props.empty}</p>}
      <ul data-testid={`thread-${list}`}>
        {entries.map((entry) => (
          <li key={entry.id} className="entry">
            <p className="entry__meta">
              {entry.department && <span className="entry__dept">{entry.department}</span>}
              <span>{entry.author}</span> · <time dateTime={entry.at}>{formatDate(locale, entry.at, true)}</time>
              {entry.editedAt && <span className="entry__edited"> {t(locale, 'comments.edited')}</span>}
            </p>
            {editing === entry.id ? (
              <MentionInput
                locale={locale}
                directory={props.directory ?? []}
                label={t(locale, 'comments.edit')}
                initial={entry.text}
                initialMentions={entry.mentions}
                submitLabel={t(locale, 'comments.save')}
                onCancel={() => setEditing(null)}
                onSubmit={async (text, mentions) => {
                  await report(store.edit(thread.id, list, entry.id, text, list === 'messages' ? mentions : undefined));
                  setEditing(null);
                }}
              />
            ) : (
              <EntryText entry={entry} />
            )}
            {mayWrite && (entry.authorId === store.viewer.id || rights.moderate) && editing !== entry.id && (
              <span className="entry__actions">
                {entry.authorId === store.viewer.id && (
                  <button type="button" className="comments-link" onClick={() => setEditing(entry.id)}>
                    {t(locale, 'comments.edit')}
                  </button>
                )}
                <button type="button" className="comments-link" onClick={() => void report(store.remove(thread.id, list, entry.id))}>
                  {t(locale, 'comments.delete')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An entry's words, with its `@mentions` set apart. */
function EntryText({ entry }: { entry: EntryView }) {
  const parts = entry.mentions.length > 0 ? entry.text.split(/(@[^\s@]+)/) : [entry.text];
  return <p className="entry__text">{parts.map((part, i) => (part.startsWith('@') ? <mark key={i} className="entry__mention">{part}</mark> : part))}</p>;
}

/**
 * Adds a department's position (诉求). The department starts empty, offering the sheet's parties:
 * the writer is often the facilitator noting another side's position, so their own is no default.
 */
function PositionForm({ locale, parties, onAdd }: { locale: Locale; parties: string[]; onAdd: (department: string, text: string) => void }) {
  const [dept, setDept] = useState('');
  const [text, setText] = useState('');
  const listId = `position-parties-${useId()}`;
  return (
    <form
      className="position-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!dept.trim() || !text.trim()) return;
        onAdd(dept.trim(), text.trim());
        setText('');
      }}
    >
      <input aria-label={t(locale, 'comments.positionDept')} placeholder={t(locale, 'comments.positionDeptHint')} list={listId} value={dept} onChange={(e) => setDept(e.target.value)} />
      <datalist id={listId}>
        {parties.map((party) => (
          <option key={party} value={party} />
        ))}
      </datalist>
      <input aria-label={t(locale, 'comments.positionText')} placeholder={t(locale, 'comments.positionText')} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button button--small" disabled={!dept.trim() || !text.trim()}>
        {t(locale, 'comments.addPosition')}
      </button>
    </form>
  );
}

/** Where 协商结果 states the agreement: the linked words (with a jump), or a way to link them. */
function ResultLink({ locale, store, thread, mayChange, linking }: { locale: Locale; store: CommentStore; thread: ThreadView; mayChange: boolean; linking: boolean }) {
  const linked = thread.resultAnchor && store.textAt('result', thread.resultAnchor);
  if (!thread.resultAnchor && !(mayChange && thread.status !== 'dropped')) return null;
  return (
    <section className="thread__result" aria-label={t(locale, 'comments.result')}>
      <h3 className="thread__subtitle">{t(locale, 'comments.result')}</h3>
      {thread.resultAnchor &&
        (linked ? (
          <button type="button" className="thread__result-text" data-testid="result-link" onClick={() => store.reveal('result', thread.resultAnchor)}>
            {linked}
          </button>
        ) : (
          <p className="thread__hint">{t(locale, 'comments.resultGone')}</p>
        ))}
      {mayChange &&
        thread.status !== 'dropped' &&
        (linking ? (
          <p className="thread__hint" role="status">
            {t(locale, 'comments.linkHint')}
          </p>
        ) : (
          <button type="button" className="button button--small" onClick={() => store.set({ linkingId: thread.id })}>
            {t(locale, thread.resultAnchor ? 'comments.relinkResult' : 'comments.linkResult')}
          </button>
        ))}
    </section>
  );
}
