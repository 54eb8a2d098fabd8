'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { minutesToWait } from '../auth/password-sign-in';
import { callApi } from '../http/api';
import styles from './share.module.css';

/** Asks for a shared link's password; the server remembers a right answer in a cookie for this link. */
export function SharePassword({ locale, token }: { locale: Locale; token: string }) {
  const router = useRouter();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const res = await callApi('POST', `/api/v1/share-links/${encodeURIComponent(token)}/unlock`, { password });
    setBusy(false);
    if (res.ok) return router.refresh();
    const minutes = minutesToWait(res);
    setProblem(minutes ? { key: 'share.password.tooMany', vars: { minutes } } : res.status === 0 ? { key: 'form.networkError' } : { key: 'share.password.wrong' });
  };
  return (
    <form className={styles.gate} method="post" onSubmit={submit}>
      <h1>{t(locale, 'share.password.title')}</h1>
      <label className="field">
        <span className="field__label">{t(locale, 'share.password.label')}</span>
        <input type="password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {problem && (
        <p className="form-error" role="alert">
          {t(locale, problem.key, problem.vars)}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t(locale, 'share.password.submit')}
      </button>
    </form>
  );
}
