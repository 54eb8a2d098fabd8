'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { callApi } from '../http/api';
import { signInWithPassword } from './password-sign-in';

/** First run: creates the first administrator, then signs them in. */
export function SetupForm({ locale }: { locale: Locale }) {
  const router = useRouter();
  const [error, setError] = useState<Message | null>(null);
  const [working, setWorking] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const body = { name: value('name'), email: value('email'), password: String(form.get('password') ?? ''), department: value('department') || undefined };
    setWorking(true);
    setError(null);
    const created = await callApi('POST', '/api/v1/setup', body);
    if (!created.ok) {
      setWorking(false);
      // Someone finished setup in the meantime: the only way on is to sign in.
      if (created.code === 'conflict') return router.replace('/signin');
      return setError(created.status === 0 ? { key: 'form.networkError' } : { key: 'setup.failed', vars: { message: created.message } });
    }
    if (!(await signInWithPassword(body.email, body.password)).ok) return router.replace('/signin');
    router.replace('/sheets');
    router.refresh();
  }

  return (
    <form className="stack" method="post" onSubmit={submit} aria-describedby={error ? 'setup-error' : undefined}>
      <label className="field">
        <span className="field__label">{t(locale, 'setup.name')}</span>
        <input name="name" autoComplete="name" required maxLength={LIMITS.nameChars} />
      </label>
      <label className="field">
        <span className="field__label">{t(locale, 'setup.email')}</span>
        <input name="email" type="email" autoComplete="email" required maxLength={LIMITS.emailChars} />
      </label>
      <label className="field">
        <span className="field__label">{t(locale, 'setup.department')}</span>
        <input name="department" autoComplete="organization-title" maxLength={LIMITS.nameChars} />
      </label>
      <label className="field">
        <span className="field__label">{t(locale, 'setup.password')}</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={LIMITS.passwordMinChars} maxLength={LIMITS.passwordMaxChars} />
        <span className="field__hint">{t(locale, 'setup.passwordHint', { min: LIMITS.passwordMinChars })}</span>
      </label>
      {error && (
        <p className="form-error" id="setup-error" role="alert">
          {t(locale, error.key, error.vars)}
        </p>
      )}
      <button className="button button--primary" type="submit" disabled={working}>
        {working ? t(locale, 'form.working') : t(locale, 'setup.submit')}
      </button>
    </form>
  );
}
