'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import type { ActivityEvent, VersionInfo } from '@/server/store/types';
import { callApi } from '../http/api';
import type { TaskView } from '../sheet/model';
import { DiffView } from './DiffView';
import { VersionView } from './VersionView';
import { describeEvent, versionKind, versionName, when, whoWhen } from './words';

type View = { kind: 'list' } | { kind: 'version'; version: VersionInfo } | { kind: 'diff'; from: VersionInfo; to: VersionInfo | 'current' };

/**
 * The sheet's history for every member, in a side drawer: kept versions and activity events (who,
 * what, when), "save a version", any version opened read-only, and two versions (or one and now)
 * compared. `revision` changes with the stage and locks, which keep versions: the list reloads then.
 */
export function HistoryPanel({ locale, sheetId, tasks, canSave, revision }: { locale: Locale; sheetId: string; tasks: TaskView[]; canSave: boolean; revision: string }) {
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [history, setHistory] = useState<{ events: ActivityEvent[]; versions: VersionInfo[] } | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const base = `/api/v1/sheets/${encodeURIComponent(sheetId)}`;

  const load = useCallback(async () => {
    const r = await callApi<{ events: ActivityEvent[]; versions: VersionInfo[] }>('GET', `${base}/history`);
    if (r.ok) setHistory(r.data);
    else setMessage({ error: true, text: r.status === 0 ? t(locale, 'form.networkError') : t(locale, 'history.failed', { message: r.message }) });
  }, [base, locale]);

  useEffect(() => {
    if (open) void load();
  }, [open, load, revision]);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const name = String(new FormData(formElement).get('name') ?? '').trim();
    if (!name) return;
    const r = await callApi('POST', `${base}/versions`, { name });
    if (!r.ok) return setMessage({ error: true, text: r.status === 0 ? t(locale, 'form.networkError') : t(locale, 'history.failed', { message: r.message }) });
    formElement.reset();
    setMessage({ error: false, text: t(locale, 'history.saved', { name }) });
    await load();
  };
  const compare = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const find = (id: unknown) => history?.versions.find((v) => String(v.id) === id);
    const from = find(data.get('from'));
    const to = data.get('to') === 'current' ? 'current' : find(data.get('to'));
    if (from && to) setView({ kind: 'diff', from, to });
  };
  const name = (v: VersionInfo | 'current') => (v === 'current' ? t(locale, 'history.current') : versionName(locale, v, tasks));
  const heading =
    view.kind === 'diff'
      ? t(locale, 'history.diffOf', { from: name(view.from), to: name(view.to) })
      : view.kind === 'version'
        ? t(locale, 'history.versionOf', { name: name(view.version), who: view.version.actorName, at: when(locale, view.version.at) })
        : '';

  return (
    <>
      <button type="button" className="button button--small" onClick={() => setOpen(true)} data-testid="history-open">
        {t(locale, 'history.open')}
      </button>
      {open && (
        <dialog ref={dialog} className="drawer" aria-labelledby="history-title" data-testid="history" onClose={() => {
            setOpen(false);
            setView({ kind: 'list' });
          }}>
          <header className="drawer__header">
            <h2 id="history-title" className="dialog__title">
              {t(locale, 'history.title')}
            </h2>
            <button type="button" className="button button--small button--quiet" onClick={() => dialog.current?.close()}>
              ✕ {t(locale, 'history.close')}
            </button>
          </header>
          {view.kind !== 'list' && (
            <div className="drawer__sub">
              <button type="button" className="button button--small" onClick={() => setView({ kind: 'list' })}>
                ← {t(locale, 'history.back')}
              </button>
              <h3 className="drawer__subtitle">{heading}</h3>
            </div>
          )}
          {view.kind === 'version' && <VersionView locale={locale} sheetId={sheetId} versionId={view.version.id} note={heading} />}
          {view.kind === 'diff' && <DiffView locale={locale} sheetId={sheetId} from={view.from.id} to={view.to === 'current' ? 'current' : view.to.id} tasks={tasks} />}
          {view.kind === 'list' && (
            <div className="history">
              {message && (
                <p className={message.error ? 'form-error' : 'form-ok'} role="status">
                  {message.text}
                </p>
              )}
              {canSave && (
                <form className="history__save" onSubmit={(e) => void save(e)}>
                  <label className="field">
                    <span className="field__label">{t(locale, 'history.versionName')}</span>
                    <input name="name" required maxLength={LIMITS.titleChars} placeholder={t(locale, 'history.versionPlaceholder')} />
                  </label>
                  <button type="submit" className="button button--primary">
                    {t(locale, 'history.save')}
                  </button>
                </form>
              )}
              {!history ? (
                <p className="muted">{t(locale, 'history.loading')}</p>
              ) : (
                <>
                  <h3 className="panel__subtitle">{t(locale, 'history.versions')}</h3>
                  {history.versions.length === 0 ? (
                    <p className="muted">{t(locale, 'history.noVersions')}</p>
                  ) : (
                    <>
                      <form className="history__compare" onSubmit={compare} aria-label={t(locale, 'history.compareTitle')}>
                        <label className="field">
                          <span className="field__label">{t(locale, 'history.from')}</span>
                          <select name="from" defaultValue={String(history.versions[0].id)}>
                            {history.versions.map((v) => (
                              <option key={v.id} value={v.id}>
                                {name(v)} · {whoWhen(locale, v)}
                              </option>
                            ))}
                          </select>
                        </label>
                        <label className="field">
                          <span className="field__label">{t(locale, 'history.to')}</span>
                          <select name="to" defaultValue="current">
                            <option value="current">{t(locale, 'history.current')}</option>
                            {history.versions.map((v) => (
                              <option key={v.id} value={v.id}>
                                {name(v)} · {whoWhen(locale, v)}
                              </option>
                            ))}
                          </select>
                        </label>
                        <button type="submit" className="button">
                          {t(locale, 'history.compare')}
                        </button>
                      </form>
                      <ul className="history__list" data-testid="versions">
                        {history.versions.map((v) => (
                          <li key={v.id} className="history__item">
                            <div>
                              <span className="history__what">{name(v)}</span>
                              <span className="history__when">
                                {whoWhen(locale, v)} · {versionKind(locale, v)}
                              </span>
                            </div>
                            <span className="history__actions">
                              <button type="button" className="button button--small" onClick={() => setView({ kind: 'version', version: v })}>
                                {t(locale, 'history.view')}
                              </button>
                              <button type="button" className="button button--small button--quiet" onClick={() => setView({ kind: 'diff', from: v, to: 'current' })}>
                                {t(locale, 'history.compare')}
                              </button>
                            </span>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                  <h3 className="panel__subtitle">{t(locale, 'history.events')}</h3>
                  {history.events.length === 0 ? (
                    <p className="muted">{t(locale, 'history.noEvents')}</p>
                  ) : (
                    <ul className="history__list" data-testid="events">
                      {history.events.map((event) => {
                        const { text, details } = describeEvent(locale, event, tasks);
                        return (
                          <li key={event.id} className="history__item history__item--event" data-kind={event.kind}>
                            <div>
                              <span className="history__what">{text}</span>
                              {details.map((d) => (
                                <span key={d} className="history__detail">
                                  {d}
                                </span>
                              ))}
                              <span className="history__when">{when(locale, event.at)}</span>
                            </div>
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </>
              )}
            </div>
          )}
        </dialog>
      )}
    </>
  );
}
