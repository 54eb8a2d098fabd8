'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { formatDate, t, type Locale, type Message } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { callApi } from '../http/api';
import { problemOf } from '../shell/problem';
import styles from './settings.module.css';
import { FormFeedback } from '@/components/shell/FormFeedback';

/** One of my personal access tokens, as listed (never the token itself). */
export interface TokenRow {
  id: string;
  name: string;
  createdAt: string;
}

/**
 * My personal access tokens: listed by name and date, created with a name (the token is shown
 * once, with a copy button and a warning) and revoked after a confirmation.
 */
export function AccessTokens({ locale, tokens }: { locale: Locale; tokens: TokenRow[] }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const busy = working || refreshing;

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get('name') ?? '').trim();
    setWorking(true);
    setError(null);
    setNotice(null);
    const created = await callApi<{ token: string; name: string }>('POST', '/api/v1/tokens', { name });
    setWorking(false);
    if (!created.ok) return setError(problemOf(created, {}));
    formElement.reset();
    setFresh({ name: created.data.name, token: created.data.token });
    startRefresh(() => router.refresh());
  }

  async function revoke(token: TokenRow) {
    setWorking(true);
    setError(null);
    setNotice(null);
    const revoked = await callApi('DELETE', `/api/v1/tokens/${encodeURIComponent(token.id)}`);
    setWorking(false);
    if (!revoked.ok) return setError(problemOf(revoked, {}));
    setConfirming(null);
    setNotice({ key: 'settings.tokens.revoked', vars: { name: token.name } });
    startRefresh(() => router.refresh());
  }

  return (
    <section className={`panel stack ${styles.section}`} aria-labelledby="tokens-title">
      <div>
        <h2 id="tokens-title" className="panel__title">
          {t(locale, 'settings.tokens.title')}
        </h2>
        <p className="panel__hint">{t(locale, 'settings.tokens.lead')}</p>
      </div>
      {fresh && <FreshToken locale={locale} name={fresh.name} token={fresh.token} onDismiss={() => setFresh(null)} />}
      {tokens.length === 0 ? (
        <p className={styles.none}>{t(locale, 'settings.tokens.none')}</p>
      ) : (
        <table className={styles.table} data-testid="tokens">
          <thead>
            <tr>
              <th scope="col">{t(locale, 'settings.tokens.col.name')}</th>
              <th scope="col">{t(locale, 'settings.tokens.col.created')}</th>
              <th scope="col">
                <span className="sr-only">{t(locale, 'settings.tokens.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td className="muted nowrap">{formatDate(locale, token.createdAt, true)}</td>
                <td className={styles.actions}>
                  {confirming === token.id ? (
                    <span className={styles.confirm} role="group" aria-label={t(locale, 'settings.tokens.revokeWho', { name: token.name })}>
                      <span>{t(locale, 'settings.tokens.confirmRevoke', { name: token.name })}</span>
                      <button type="button" className={`button button--small ${styles.danger}`} disabled={busy} onClick={() => void revoke(token)}>
                        {t(locale, 'settings.tokens.confirm')}
                      </button>
                      <button type="button" className="button button--small" onClick={() => setConfirming(null)}>
                        {t(locale, 'people.cancel')}
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t(locale, 'settings.tokens.revokeWho', { name: token.name })}
                      onClick={() => setConfirming(token.id)}
                    >
                      {t(locale, 'settings.tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormFeedback locale={locale} error={error} notice={notice} noticeClassName={styles.notice} />
      <form className="field-row" onSubmit={create}>
        <label className="field">
          <span className="field__label">{t(locale, 'settings.tokens.name')}</span>
          <input name="name" required maxLength={LIMITS.nameChars} placeholder={t(locale, 'settings.tokens.namePlaceholder')} autoComplete="off" />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t(locale, 'settings.tokens.create')}
        </button>
      </form>
    </section>
  );
}

/** The token just created: the only time it is shown, so it comes with a copy button and a warning. */
function FreshToken({ locale, name, token, onDismiss }: { locale: Locale; name: string; token: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(token).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <div className="notice notice--warning" role="region" aria-labelledby="fresh-token-title" data-testid="fresh-token">
      <p id="fresh-token-title" className="notice__title">
        {t(locale, 'settings.tokens.created', { name })}
      </p>
      <p className={styles.warning}>{t(locale, 'settings.tokens.once')}</p>
      <div className={styles.tokenRow}>
        <input className={styles.token} readOnly value={token} aria-label={t(locale, 'settings.tokens.value')} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void copy()}>
          {copied === 'yes' ? t(locale, 'settings.tokens.copied') : t(locale, 'settings.tokens.copy')}
        </button>
      </div>
      {copied === 'failed' && <p className={styles.warning}>{t(locale, 'settings.tokens.copyFailed')}</p>}
      <div className="notice__actions">
        <button type="button" className="button button--small" onClick={onDismiss}>
          {t(locale, 'settings.tokens.dismiss')}
        </button>
      </div>
    </div>
  );
}
