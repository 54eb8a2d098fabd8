'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { callApi } from '../http/api';
import { problemOf } from '../shell/problem';
import styles from './admin.module.css';
import { FormFeedback } from '@/components/shell/FormFeedback';

/** Adds a person with an initial password, an optional department (existing or new) and the administrator flag. */
export function AddPersonForm({ locale, departments }: { locale: Locale; departments: string[] }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const id = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get('name') ?? '').trim();
    const department = String(form.get('department') ?? '').trim();
    setWorking(true);
    setError(null);
    setNotice(null);
    const added = await callApi('POST', '/api/v1/users', {
      name,
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
      ...(department ? { department } : {}),
      admin: form.get('admin') === 'on',
    });
    setWorking(false);
    if (!added.ok) return setError(problemOf(added, { conflict: 'admin.add.exists' }));
    formElement.reset();
    setNotice({ key: 'admin.add.done', vars: { name } });
    startRefresh(() => router.refresh());
  }

  return (
    <form className="stack stack--tight" method="post" onSubmit={submit} aria-labelledby="add-person-title">
      <h2 id="add-person-title" className="panel__title">
        {t(locale, 'admin.add.title')}
      </h2>
      <label className="field">
        <span className="field__label">{t(locale, 'admin.add.name')}</span>
        <input name="name" required maxLength={LIMITS.nameChars} autoComplete="off" />
      </label>
      <label className="field">
        <span className="field__label">{t(locale, 'admin.add.email')}</span>
        <input name="email" type="email" required maxLength={LIMITS.emailChars} autoComplete="off" />
      </label>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-password`}>
          {t(locale, 'admin.add.password')}
        </label>
        <input
          id={`${id}-password`}
          aria-describedby={`${id}-password-hint`}
          name="password"
          type="password"
          required
          minLength={LIMITS.passwordMinChars}
          maxLength={LIMITS.passwordMaxChars}
          autoComplete="new-password"
        />
        <span id={`${id}-password-hint`} className="field__hint">
          {t(locale, 'admin.add.passwordHint', { min: LIMITS.passwordMinChars })}
        </span>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-department`}>
          {t(locale, 'admin.add.department')}
        </label>
        <input id={`${id}-department`} aria-describedby={`${id}-department-hint`} name="department" list={`${id}-departments`} maxLength={LIMITS.nameChars} autoComplete="off" />
        <datalist id={`${id}-departments`}>
          {departments.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
        <span id={`${id}-department-hint`} className="field__hint">
          {t(locale, 'admin.add.departmentHint')}
        </span>
      </div>
      <label className={styles.check}>
        <input type="checkbox" name="admin" />
        <span>{t(locale, 'admin.add.admin')}</span>
      </label>
      <FormFeedback locale={locale} error={error} notice={notice} noticeClassName={styles.notice} />
      <button className="button button--primary" type="submit" disabled={working || refreshing}>
        {t(locale, 'admin.add.submit')}
      </button>
    </form>
  );
}
