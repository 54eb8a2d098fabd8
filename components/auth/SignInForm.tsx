'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { minutesOf, signInWithPassword } from './password-sign-in';

/** Email and password sign-in, plus the enterprise's single sign-on when one is configured. */
export function SignInForm({ locale, sso, callbackUrl }: { locale: Locale; sso: string | null; callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<Message | null>(null);
  const [working, setWorking] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setWorking(true);
    setError(null);
    const result = await signInWithPassword(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    if (!result.ok) {
      setWorking(false);
      if (result.reason === 'tooMany') return setError({ key: 'signin.error.tooMany', vars: { minutes: minutesOf(result.retryAfterSeconds) } });
      return setError({ key: result.reason === 'credentials' ? 'signin.error.credentials' : result.reason === 'network' ? 'form.networkError' : 'signin.error.other' });
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="stack">
      <form className="stack" method="post" onSubmit={submit}>
        <label className="field">
          <span className="field__label">{t(locale, 'signin.email')}</span>
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label className="field">
          <span className="field__label">{t(locale, 'signin.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {t(locale, error.key, error.vars)}
          </p>
        )}
        <button className="button button--primary" type="submit" disabled={working}>
          {working ? t(locale, 'form.working') : t(locale, 'signin.submit')}
        </button>
      </form>
      {sso && (
        <>
          <p className="divider">
            <span>{t(locale, 'signin.or')}</span>
          </p>
          <button type="button" className="button" onClick={() => void signIn('oidc', { callbackUrl })}>
            {t(locale, 'signin.sso', { name: sso })}
          </button>
        </>
      )}
    </div>
  );
}
