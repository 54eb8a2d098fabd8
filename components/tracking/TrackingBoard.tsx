'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import type { TaskItem } from '@/server/commands/tasks';
import { callApi } from '../http/api';
import { DueBadge, StatusLabel } from './DueBadge';
import { NudgeButton } from './NudgeButton';
import styles from './tracking.module.css';

/** The tracker's three lists, as the server computes them. */
export interface TrackingLists {
  timeZone: string;
  staleDays: number;
  overdue: TaskItem[];
  dueThisWeek: TaskItem[];
  silent: TaskItem[];
}

/** How long a task has gone without progress feedback, in words; silence counts from its assignment or the stage at the earliest. */
export function silence(locale: Locale, task: TaskItem): string {
  if (!task.lastFeedbackAt) return task.silentDays ? t(locale, 'tracking.noFeedbackFor', { n: task.silentDays }) : t(locale, 'feedback.never');
  return task.silentDays === 0 ? t(locale, 'tracking.fedToday') : t(locale, 'tracking.silentFor', { n: task.silentDays ?? 0 });
}

/** After how many days without feedback the person wants tasks flagged; kept per person by the server. */
export function StaleDaysForm({ locale, staleDays }: { locale: Locale; staleDays: number }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const value = Number(new FormData(e.currentTarget).get('staleDays'));
    const result = await callApi('PUT', '/api/v1/me/tracking', { staleDays: value });
    if (!result.ok) return setError(result.status === 0 ? t(locale, 'form.networkError') : result.message);
    setError(null);
    setSaved(true);
    router.refresh();
  };
  return (
    <form className={styles.staleForm} onSubmit={(e) => void submit(e)} title={t(locale, 'tracking.staleDaysHint')}>
      <label htmlFor="stale-days">{t(locale, 'tracking.staleDays')}</label>
      <input id="stale-days" name="staleDays" type="number" min={1} max={LIMITS.staleDaysMax} defaultValue={staleDays} required />
      <button type="submit" className="button button--small">
        {t(locale, 'tracking.save')}
      </button>
      <span role="status" className="muted">
        {saved && t(locale, 'tracking.saved')}
      </span>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** 跟踪: overdue, due this week, and silent tasks across the sheets the person follows up, each with 催办. */
export function TrackingBoard({ locale, lists, selfId }: { locale: Locale; lists: TrackingLists; selfId: string }) {
  const columns: Array<{ id: string; title: string; tasks: TaskItem[]; tone: string }> = [
    { id: 'overdue', title: t(locale, 'tracking.overdue'), tasks: lists.overdue, tone: styles.countDanger },
    { id: 'week', title: t(locale, 'tracking.dueThisWeek'), tasks: lists.dueThisWeek, tone: styles.countWarning },
    { id: 'silent', title: t(locale, 'tracking.silent', { n: lists.staleDays }), tasks: lists.silent, tone: '' },
  ];
  return (
    <div className={styles.columns}>
      {columns.map((column) => (
        <section key={column.id} className={styles.column} aria-labelledby={`col-${column.id}`} data-testid={`tracking-${column.id}`}>
          <h2 id={`col-${column.id}`} className={styles.columnHead}>
            {column.title}
            <span className={`${styles.count} ${column.tasks.length ? column.tone : ''}`}>{column.tasks.length}</span>
          </h2>
          {column.tasks.length === 0 && <p className={styles.cardEmpty}>{t(locale, 'tracking.emptyList')}</p>}
          {column.tasks.map((task) => (
            <article key={`${task.sheetId}/${task.rowId}`} className={styles.card} data-overdue={task.due?.overdue ? 'true' : undefined} data-row-id={task.rowId}>
              <div>
                <p className={styles.task}>{task.task || '—'}</p>
                <span className={styles.sheet}>
                  <Link href={`/sheets/${task.sheetId}`}>{task.sheetTitle || '—'}</Link>
                </span>
              </div>
              <div className={styles.who}>
                {task.person || '—'}
                <span className={styles.whoDept}>{task.department || '—'}</span>
              </div>
              <div className={styles.cardFoot}>
                <div className={styles.when}>
                  <DueBadge locale={locale} deadline={task.deadline} due={task.due} status={task.status} />
                </div>
                <div>
                  <StatusLabel locale={locale} status={task.status} />
                  <span className={styles.last}>{silence(locale, task)}</span>
                </div>
              </div>
              <div className={styles.actions}>
                {task.personId !== selfId && <NudgeButton locale={locale} sheetId={task.sheetId} rowId={task.rowId} person={task.person} task={task.task} />}
              </div>
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}

/** The tracker's lists of one sheet, in the sheet page's side column; 催办 for those who follow it up. */
export function TrackingPanel({ locale, lists, canNudge, selfId }: { locale: Locale; lists: TrackingLists; canNudge: boolean; selfId: string }) {
  const groups: Array<[string, TaskItem[]]> = [
    [t(locale, 'tracking.overdue'), lists.overdue],
    [t(locale, 'tracking.dueThisWeek'), lists.dueThisWeek],
    [t(locale, 'tracking.silent', { n: lists.staleDays }), lists.silent],
  ];
  return (
    <section className="panel" aria-labelledby="tracking-panel-title" data-testid="tracking-panel">
      <h2 id="tracking-panel-title" className="panel__title">
        {t(locale, 'tracking.panel')}
      </h2>
      {groups.map(([title, tasks]) => (
        <div key={title}>
          <h3 className={styles.panelGroup}>
            {title} · {tasks.length}
          </h3>
          {tasks.length === 0 ? (
            <p className="panel__hint">{t(locale, 'tracking.emptyList')}</p>
          ) : (
            <ul className={styles.panelList}>
              {tasks.map((task) => (
                <li key={task.rowId} className={styles.panelItem}>
                  <div>
                    <strong>{task.task || '—'}</strong>
                    <span className={styles.whoDept}>
                      {task.person || '—'} · {task.due?.overdue ? t(locale, 'due.overdue', { n: task.due.daysLate }) : silence(locale, task)}
                    </span>
                  </div>
                  {/* Nobody nudges themself. */}
                  {canNudge && task.personId !== selfId && <NudgeButton locale={locale} sheetId={task.sheetId} rowId={task.rowId} person={task.person} task={task.task} />}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <div className={styles.panelFoot}>
        <StaleDaysForm locale={locale} staleDays={lists.staleDays} />
      </div>
    </section>
  );
}
