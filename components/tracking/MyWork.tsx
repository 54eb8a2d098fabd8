'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { formatDate, t, type Locale } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { TASK_STATUSES, type TaskStatus } from '@/lib/sheet/fields';
import type { TaskItem } from '@/server/commands/tasks';
import { callApi } from '../http/api';
import { UrgencyBadge } from '../sheets/Badges';
import { DueBadge, StatusLabel } from './DueBadge';
import styles from './tracking.module.css';

type Scope = 'all' | 'mine' | 'department';
type StatusFilter = 'open' | 'all' | TaskStatus;

/**
 * 我的任务: the person's tasks and their department's across their sheets, overdue first and
 * marked, filtered by whose and by status; progress is posted from each row into the sheet's
 * feedback log (and the status set, on one's own tasks).
 */
export function MyWork({ locale, tasks, selfId, timeZone }: { locale: Locale; tasks: TaskItem[]; selfId: string; timeZone: string }) {
  const [scope, setScope] = useState<Scope>('all');
  const [status, setStatus] = useState<StatusFilter>('open');
  const [open, setOpen] = useState<string | null>(null);
  const [posted, setPosted] = useState<Record<string, string>>({});
  const key = (task: TaskItem) => `${task.sheetId}/${task.rowId}`;
  const shown = tasks.filter(
    (task) =>
      (scope === 'all' || (scope === 'mine') === (task.personId === selfId)) &&
      (status === 'all' || (status === 'open' ? task.status !== 'done' : task.status === status)),
  );
  const overdue = shown.filter((task) => task.status !== 'done' && task.due?.overdue).length;

  const segmented = <T extends string>(label: string, value: T, options: Array<[T, string]>, set: (v: T) => void) => (
    <div className={styles.segmented} role="group" aria-label={label}>
      {options.map(([v, text]) => (
        <button key={v} type="button" aria-pressed={value === v} onClick={() => set(v)}>
          {text}
        </button>
      ))}
    </div>
  );

  if (tasks.length === 0) return <p className="empty">{t(locale, 'tasks.noneAtAll')}</p>;
  return (
    <>
      <div className={styles.toolbar}>
        <div className={styles.summary}>
          {segmented(t(locale, 'tasks.scope'), scope, [
            ['all', t(locale, 'tasks.scope.all')],
            ['mine', t(locale, 'tasks.scope.mine')],
            ['department', t(locale, 'tasks.scope.department')],
          ], setScope)}
          {segmented(t(locale, 'tasks.statusFilter'), status, [
            ['open', t(locale, 'tasks.statusFilter.open')],
            ...TASK_STATUSES.map((s): [StatusFilter, string] => [s, t(locale, `task.status.${s}`)]),
            ['all', t(locale, 'tasks.statusFilter.all')],
          ], setStatus)}
        </div>
        <p className={styles.summary} aria-live="polite">
          <span>{t(locale, 'tasks.count', { n: shown.length })}</span>
          {overdue > 0 && <span className={styles.summaryOverdue}>{t(locale, 'tasks.overdueCount', { n: overdue })}</span>}
        </p>
      </div>
      {shown.length === 0 ? (
        <p className="empty">{t(locale, 'tasks.none')}</p>
      ) : (
        <ul className={styles.list} data-testid="my-tasks">
          {shown.map((task) => (
            <li key={key(task)} className={styles.item} data-overdue={task.status !== 'done' && task.due?.overdue ? 'true' : undefined} data-testid="my-task" data-row-id={task.rowId}>
              <div className={styles.row}>
                <div className={styles.what}>
                  <p className={styles.task}>{task.task || '—'}</p>
                  {task.deliverable && <p className={styles.deliverable}>{task.deliverable}</p>}
                  <span className={styles.sheet}>
                    <UrgencyBadge locale={locale} urgency={task.sheetUrgency} />
                    <Link href={`/sheets/${task.sheetId}`}>{task.sheetTitle || '—'}</Link>
                  </span>
                </div>
                <div className={styles.who}>
                  {task.person || '—'}
                  <span className={styles.whoDept}>
                    {task.department || '—'} · {t(locale, task.personId === selfId ? 'tasks.mine' : 'tasks.deptTask')}
                  </span>
                </div>
                <div className={styles.when}>
                  <DueBadge locale={locale} deadline={task.deadline} due={task.due} status={task.status} />
                </div>
                <div>
                  <StatusLabel locale={locale} status={task.status} />
                  <span className={styles.last}>
                    {task.lastFeedbackAt ? t(locale, 'feedback.last', { time: formatDate(locale, task.lastFeedbackAt, true) }) : t(locale, 'feedback.never')}
                  </span>
                </div>
                <div className={styles.actions}>
                  <button type="button" className="button button--small" aria-expanded={open === key(task)} onClick={() => setOpen(open === key(task) ? null : key(task))}>
                    {t(locale, 'feedback.open')}
                  </button>
                </div>
              </div>
              {open === key(task) && (
                <FeedbackForm
                  locale={locale}
                  task={task}
                  mine={task.personId === selfId}
                  onCancel={() => setOpen(null)}
                  onPosted={(text) => {
                    setOpen(null);
                    setPosted((p) => ({ ...p, [key(task)]: text }));
                  }}
                />
              )}
              {posted[key(task)] && (
                <p className={styles.posted} role="status" data-testid="feedback-posted">
                  ✓ {t(locale, 'feedback.posted')}：{posted[key(task)]}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className={styles.zone}>{t(locale, 'tasks.timeZone', { zone: timeZone })}</p>
    </>
  );
}

/** Posts a progress note on one task through the server, which writes it into the live sheet. */
function FeedbackForm({ locale, task, mine, onCancel, onPosted }: { locale: Locale; task: TaskItem; mine: boolean; onCancel: () => void; onPosted: (text: string) => void }) {
  const router = useRouter();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = String(data.get('text') ?? '').trim();
    const status = String(data.get('status') ?? '');
    if (!text) return;
    setSending(true);
    setError(null);
    const result = await callApi('POST', `/api/v1/sheets/${encodeURIComponent(task.sheetId)}/feedback`, { rowId: task.rowId, text, ...(status ? { status } : {}) });
    setSending(false);
    if (!result.ok) return setError(result.status === 0 ? t(locale, 'form.networkError') : result.message);
    onPosted(text);
    router.refresh();
  };
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label={t(locale, 'feedback.open')}>
      <label className="field">
        <span className="field__label">{t(locale, 'feedback.textLabel')}</span>
        <textarea name="text" required maxLength={LIMITS.rowTextChars} placeholder={t(locale, 'feedback.textPlaceholder')} autoFocus />
      </label>
      {mine ? (
        <label className="field">
          <span className="field__label">{t(locale, 'feedback.statusLabel')}</span>
          <select name="status" defaultValue="">
            <option value="">{t(locale, 'feedback.keepStatus')}</option>
            {TASK_STATUSES.filter((s) => s !== task.status).map((s) => (
              <option key={s} value={s}>
                {t(locale, `task.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span />
      )}
      <div className={styles.formActions}>
        <button type="submit" className="button button--primary button--small" disabled={sending}>
          {sending ? t(locale, 'feedback.sending') : t(locale, 'feedback.submit')}
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          {t(locale, 'feedback.cancel')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {t(locale, 'feedback.failed', { message: error })}
        </p>
      )}
    </form>
  );
}
