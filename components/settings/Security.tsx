'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { minutesToWait, signInWithPassword } from '../auth/password-sign-in';
import { callApi } from '../http/api';
import { problemOf } from '../shell/problem';
import { FormFeedback } from '@/components/shell/FormFeedback';
import styles from './settings.module.css';

/**
 * My password and my sessions: changing the password (the current one asked) ends every session,
 * then signs in here again with the new one; "sign out on every device" ends them all, here too.
 */
export function Security({ locale, userId, email, hasPassword }: { locale: Locale; userId: string; email: string; hasPassword: boolean }) {
  const router = useRouter();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  async function change(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = { currentPassword: String(form.get('currentPassword') ?? ''), newPassword: String(form.get('newPassword') ?? '') };
    setWorking(true);
    setError(null);
    setNotice(null);
    const changed = await callApi('PUT', '/api/v1/me/password', body);
    if (!changed.ok) {
      setWorking(false);
      const minutes = minutesToWait(changed);
      if (minutes) return setError({ key: 'signin.error.tooMany', vars: { minutes } });
      return setError(problemOf(changed, { forbidden: 'settings.password.wrong' }));
    }
    formElement.reset();
    const again = await signInWithPassword(email, body.newPassword);
    setWorking(false);
    if (!again.ok) return router.replace('/signin?callbackUrl=/settings');
    setNotice({ key: 'settings.password.done' });
    router.refresh();
  }

  async function endEverywhere() {
    if (!window.confirm(t(locale, 'settings.sessions.confirm'))) return;
    const ended = await callApi('DELETE', `/api/v1/users/${encodeURIComponent(userId)}/sessions`);
    if (!ended.ok) return setError(problemOf(ended, {}));
    router.replace('/signin');
    router.refresh();
  }

  return (
    <section className={`panel stack ${styles.section}`} aria-labelledby="security-title" data-testid="security">
      <div>
        <h2 id="security-title" className="panel__title">
          {t(locale, 'settings.password.title')}
        </h2>
        <p className="panel__hint">{t(locale, hasPassword ? 'settings.password.lead' : 'settings.password.sso')}</p>
      </div>
      {hasPassword && (
        <form className={`stack ${styles.form}`} method="post" onSubmit={change}>
          <label className="field">
            <span className="field__label">{t(locale, 'settings.password.current')}</span>
            <input name="currentPassword" type="password" autoComplete="current-password" required maxLength={LIMITS.passwordMaxChars} />
          </label>
          <label className="field">
            <span className="field__label">{t(locale, 'settings.password.new')}</span>
            <input name="newPassword" type="password" autoComplete="new-password" required minLength={LIMITS.passwordMinChars} maxLength={LIMITS.passwordMaxChars} aria-describedby="new-password-hint" />
            <span id="new-password-hint" className="field__hint">
              {t(locale, 'settings.password.hint', { min: LIMITS.passwordMinChars })}
            </span>
          </label>
          <div>
            <button type="submit" className="button button--primary" disabled={working}>
              {working ? t(locale, 'form.working') : t(locale, 'settings.password.submit')}
            </button>
          </div>
        </form>
      )}
      <FormFeedback locale={locale} error={error} notice={notice} noticeClassName={styles.notice} />
      <div className="stack">
        <h3 className={styles.subTitle}>{t(locale, 'settings.sessions.title')}</h3>
        <p className="panel__hint">{t(locale, 'settings.sessions.lead')}</p>
        <div>
          <button type="button" className="button" onClick={() => void endEverywhere()}>
            {t(locale, 'settings.sessions.end')}
          </button>
        </div>
      </div>
    </section>
  );
}
