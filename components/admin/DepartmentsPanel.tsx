'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { callApi } from '../http/api';
import { problemOf } from '../shell/problem';
import styles from './admin.module.css';
import type { DepartmentRow, PersonRow } from './model';
import { FormFeedback } from '@/components/shell/FormFeedback';

/** The departments with how many people each has and who heads each, and a form to add one. */
export function DepartmentsPanel({ locale, departments, people }: { locale: Locale; departments: DepartmentRow[]; people: PersonRow[] }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get('name') ?? '').trim();
    setWorking(true);
    setError(null);
    setNotice(null);
    const added = await callApi('POST', '/api/v1/departments', { name });
    setWorking(false);
    if (!added.ok) return setError(problemOf(added, { conflict: 'admin.departments.exists' }));
    formElement.reset();
    setNotice({ key: 'admin.departments.done', vars: { name } });
    startRefresh(() => router.refresh());
  }

  async function setHead(department: DepartmentRow, headId: string | null) {
    setWorking(true);
    setError(null);
    setNotice(null);
    const changed = await callApi('PATCH', `/api/v1/departments/${encodeURIComponent(department.id)}`, { headId });
    setWorking(false);
    if (!changed.ok) return setError(problemOf(changed, {}));
    const head = people.find((p) => p.id === headId);
    setNotice(head ? { key: 'admin.departments.headSet', vars: { name: department.name, head: head.name } } : { key: 'admin.departments.headCleared', vars: { name: department.name } });
    startRefresh(() => router.refresh());
  }

  return (
    <section className="stack stack--tight" aria-labelledby="departments-title">
      <h2 id="departments-title" className="panel__title">
        {t(locale, 'admin.departments.title')} <span className={styles.count}>{t(locale, 'admin.departments.count', { count: departments.length })}</span>
      </h2>
      {departments.length === 0 ? (
        <p className={styles.none}>{t(locale, 'admin.departments.empty')}</p>
      ) : (
        <ul className={styles.departments} data-testid="departments">
          {departments.map((d) => (
            <li key={d.id}>
              <div className={styles.departmentName}>
                <span>{d.name}</span>
                <span className={styles.count}>{t(locale, 'admin.departments.people', { count: d.people })}</span>
              </div>
              <label className={styles.departmentHead}>
                <span>{t(locale, 'admin.departments.head')}</span>
                <select
                  value={d.headId ?? ''}
                  disabled={working || refreshing}
                  aria-label={t(locale, 'admin.departments.headOf', { name: d.name })}
                  onChange={(e) => setHead(d, e.target.value || null)}
                >
                  <option value="">{t(locale, 'admin.departments.noHead')}</option>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.departmentName ? `${p.name}（${p.departmentName}）` : p.name}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      )}
      <form className="field-row" onSubmit={submit}>
        <label className="field">
          <span className="field__label">{t(locale, 'admin.departments.name')}</span>
          <input name="name" required maxLength={LIMITS.nameChars} autoComplete="off" />
        </label>
        <button className="button" type="submit" disabled={working || refreshing}>
          {t(locale, 'admin.departments.submit')}
        </button>
      </form>
      <FormFeedback locale={locale} error={error} notice={notice} noticeClassName={styles.notice} />
    </section>
  );
}
