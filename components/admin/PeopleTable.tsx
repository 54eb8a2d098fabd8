'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { callApi } from '../http/api';
import { problemOf } from '../shell/problem';
import styles from './admin.module.css';
import type { PersonRow } from './model';
import { FormFeedback } from '@/components/shell/FormFeedback';

/** Everyone with an account, searchable, each editable in place: name, department, administrator. */
export function PeopleTable({ locale, people, departments, selfId }: { locale: Locale; people: PersonRow[]; departments: string[]; selfId: string }) {
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const q = filter.trim().toLowerCase();
  // "Sign out everywhere" for someone else: their sessions end, their open sheets disconnect.
  async function endSessions(person: PersonRow) {
    if (!window.confirm(t(locale, 'admin.people.endSessionsConfirm', { name: person.name }))) return;
    const result = await callApi('DELETE', `/api/v1/users/${encodeURIComponent(person.id)}/sessions`);
    setNotice(result.ok ? { key: 'admin.people.sessionsEnded', vars: { name: person.name } } : null);
    setError(result.ok ? null : problemOf(result, {}));
  }
  const shown = q ? people.filter((p) => [p.name, p.email, p.departmentName ?? ''].some((f) => f.toLowerCase().includes(q))) : people;

  return (
    <section className={`panel ${styles.section}`} aria-labelledby="people-title">
      <div className={styles.sectionHead}>
        <h2 id="people-title" className="panel__title">
          {t(locale, 'admin.people.title')} <span className={styles.count}>{t(locale, 'admin.people.count', { count: people.length })}</span>
        </h2>
        <label className={`field ${styles.filter}`}>
          <span className="sr-only">{t(locale, 'admin.people.filter')}</span>
          <input type="search" value={filter} placeholder={t(locale, 'admin.people.filterPlaceholder')} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </div>
      <FormFeedback locale={locale} error={error} notice={notice} noticeClassName={styles.notice} />
      <div className={styles.scroll}>
        <table className={styles.table} data-testid="people">
          <thead>
            <tr>
              <th scope="col">{t(locale, 'admin.people.col.name')}</th>
              <th scope="col">{t(locale, 'admin.people.col.email')}</th>
              <th scope="col">{t(locale, 'admin.people.col.department')}</th>
              <th scope="col">{t(locale, 'admin.people.col.admin')}</th>
              <th scope="col">
                <span className="sr-only">{t(locale, 'admin.people.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((person) =>
              editing === person.id ? (
                <EditRow
                  key={person.id}
                  locale={locale}
                  person={person}
                  departments={departments}
                  self={person.id === selfId}
                  onDone={(saved) => {
                    setEditing(null);
                    if (saved) setNotice({ key: 'admin.people.saved', vars: { name: saved } });
                  }}
                />
              ) : (
                <tr key={person.id}>
                  <th scope="row" className={styles.name}>
                    {person.name}
                    {person.id === selfId && <span className="muted">{t(locale, 'people.you')}</span>}
                  </th>
                  <td className="muted">{person.email}</td>
                  <td>{person.departmentName ?? <span className="muted">{t(locale, 'people.none')}</span>}</td>
                  <td>{person.isAdmin && <span className="badge badge--stage">{t(locale, 'admin.people.isAdmin')}</span>}</td>
                  <td className={styles.rowActions}>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t(locale, 'admin.people.editWho', { name: person.name })}
                      onClick={() => {
                        setNotice(null);
                        setEditing(person.id);
                      }}
                    >
                      {t(locale, 'admin.people.edit')}
                    </button>
                    {person.id !== selfId && (
                      <button
                        type="button"
                        className="button button--small button--quiet"
                        aria-label={t(locale, 'admin.people.endSessionsWho', { name: person.name })}
                        onClick={() => void endSessions(person)}
                      >
                        {t(locale, 'admin.people.endSessions')}
                      </button>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p className={styles.none}>{t(locale, 'admin.people.noMatch')}</p>}
    </section>
  );
}

/** One person's row while it is being edited; only the fields that changed are sent. */
function EditRow(props: { locale: Locale; person: PersonRow; departments: string[]; self: boolean; onDone: (savedName: string | null) => void }) {
  const { locale, person, departments, self, onDone } = props;
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const listId = useId();
  const formId = useId();

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const department = String(form.get('department') ?? '').trim() || null;
    const admin = form.get('admin') === 'on';
    const change = {
      ...(name !== person.name ? { name } : {}),
      ...(department !== person.departmentName ? { department } : {}),
      ...(admin !== person.isAdmin && !self ? { admin } : {}),
    };
    if (Object.keys(change).length === 0) return onDone(null);
    setWorking(true);
    setError(null);
    const result = await callApi('PATCH', `/api/v1/users/${encodeURIComponent(person.id)}`, change);
    setWorking(false);
    if (!result.ok) return setError(problemOf(result, { conflict: 'admin.people.selfAdmin' }));
    startRefresh(() => router.refresh());
    onDone(name);
  }

  // The inputs live in table cells, so they join the row's form by its id rather than by nesting.
  return (
    <tr className={styles.editing} onKeyDown={(e) => e.key === 'Escape' && onDone(null)}>
      <th scope="row">
        <form id={formId} onSubmit={save} />
        <input form={formId} name="name" required maxLength={LIMITS.nameChars} defaultValue={person.name} aria-label={t(locale, 'admin.people.nameOf', { name: person.name })} autoFocus />
      </th>
      <td className="muted">{person.email}</td>
      <td>
        <input
          form={formId}
          name="department"
          list={listId}
          maxLength={LIMITS.nameChars}
          defaultValue={person.departmentName ?? ''}
          placeholder={t(locale, 'people.none')}
          aria-label={t(locale, 'admin.people.departmentOf', { name: person.name })}
        />
        <datalist id={listId}>
          {departments.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
      </td>
      <td>
        <label className={styles.check}>
          <input
            form={formId}
            type="checkbox"
            name="admin"
            defaultChecked={person.isAdmin}
            disabled={self}
            title={self ? t(locale, 'admin.people.selfAdmin') : undefined}
            aria-label={t(locale, 'admin.people.adminOf', { name: person.name })}
          />
        </label>
      </td>
      <td className={styles.rowActions}>
        <button form={formId} type="submit" className="button button--small button--primary" disabled={working || refreshing}>
          {t(locale, 'people.save')}
        </button>
        <button type="button" className="button button--small" onClick={() => onDone(null)}>
          {t(locale, 'people.cancel')}
        </button>
        {error && (
          <p className={`form-error ${styles.rowError}`} role="alert">
            {t(locale, error.key, error.vars)}
          </p>
        )}
      </td>
    </tr>
  );
}
