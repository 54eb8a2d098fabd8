'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { callApi } from '@/components/http/api';
import { formatDate, t, type Locale, type MessageKey } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import styles from './share.module.css';
import { DateInput } from '@/components/shell/DateInput';

interface LinkInfo {
  id: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  hasPassword: boolean;
  state: 'active' | 'expired' | 'revoked';
}

/**
 * The facilitator's read-only links of a sheet: create one (optionally expiring, optionally with a
 * password; its address is shown once), see every link's state, revoke. Confidential sheets
 * explain why they cannot be shared instead.
 */
export function SharePanel({ locale, sheetId, confidential }: { locale: Locale; sheetId: string; confidential: boolean }) {
  const [links, setLinks] = useState<LinkInfo[]>([]);
  const [expires, setExpires] = useState('');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const res = await callApi<{ links: LinkInfo[] }>('GET', `/api/v1/sheets/${sheetId}/share-links`);
    if (res.ok) setLinks(res.data.links);
  }, [sheetId]);
  useEffect(() => void refresh(), [refresh]);

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    // A date means the end of that day where the person is.
    const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : null;
    const res = await callApi<{ url: string }>('POST', `/api/v1/sheets/${sheetId}/share-links`, { expiresAt, password: password || null });
    if (!res.ok) return setError(t(locale, 'share.panel.error', { message: res.message }));
    setCreated(res.data.url);
    setCopied(false);
    setPassword('');
    await refresh();
  };
  const revoke = async (id: string) => {
    if (!window.confirm(t(locale, 'share.panel.revokeConfirm'))) return;
    const res = await callApi('DELETE', `/api/v1/share-links/${encodeURIComponent(id)}?sheet=${sheetId}`);
    if (!res.ok) setError(t(locale, 'share.panel.error', { message: res.message }));
    await refresh();
  };

  return (
    <section className="panel" aria-labelledby="share-title" data-testid="share-panel">
      <h2 id="share-title" className="panel__title">
        {t(locale, 'share.panel.title')}
      </h2>
      <p className="muted">{t(locale, confidential ? 'share.panel.confidential' : 'share.panel.lead')}</p>
      {!confidential && (
        <form className={styles.form} onSubmit={create}>
          <label className="field">
            <span className="field__label">{t(locale, 'share.panel.expires')}</span>
            <DateInput locale={locale} value={expires} onChange={(v) => setExpires(v ?? '')} />
          </label>
          <label className="field">
            <span className="field__label">{t(locale, 'share.panel.password')}</span>
            <input type="password" value={password} autoComplete="new-password" minLength={LIMITS.sharePasswordMinChars} maxLength={LIMITS.passwordMaxChars} aria-describedby="share-password-hint" onChange={(e) => setPassword(e.target.value)} />
            <span id="share-password-hint" className="field__hint">
              {t(locale, 'share.panel.passwordHint', { min: LIMITS.sharePasswordMinChars })}
            </span>
          </label>
          <button type="submit" className="button button--primary">
            {t(locale, 'share.panel.create')}
          </button>
        </form>
      )}
      {created && (
        // Shown once: in a dialog over the page, not below the fold of the side column.
        <CreatedLink locale={locale} url={created} copied={copied} onCopy={() => void navigator.clipboard?.writeText(created).then(() => setCopied(true), () => setCopied(false))} onClose={() => setCreated(null)} />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className={styles.links}>
        {links.length === 0 && <li className="muted">{t(locale, 'share.panel.none')}</li>}
        {links.map((link) => (
          <li key={link.id} data-testid="share-link">
            <span className={`badge ${styles[link.state]}`}>{t(locale, `share.panel.state.${link.state}` as MessageKey)}</span>
            <span className={styles.linkText}>
              {t(locale, 'share.panel.item', { created: formatDate(locale, link.createdAt, true) })}
              {link.expiresAt && t(locale, 'share.panel.itemExpires', { expires: formatDate(locale, link.expiresAt, true) })}
              {link.hasPassword && t(locale, 'share.panel.itemPassword')}
            </span>
            {link.state === 'active' && (
              <button type="button" className="button button--small" onClick={() => void revoke(link.id)}>
                {t(locale, 'share.panel.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The new link's address, shown this once, with a copy button; closing it is the only way on. */
function CreatedLink({ locale, url, copied, onCopy, onClose }: { locale: Locale; url: string; copied: boolean; onCopy: () => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className={`dialog ${styles.created}`} aria-labelledby="share-created-title" data-testid="share-created" onClose={onClose}>
      <h2 id="share-created-title" className="dialog__title">
        {t(locale, 'share.panel.createdTitle')}
      </h2>
      <p>{t(locale, 'share.panel.created')}</p>
      <input readOnly value={url} aria-label={t(locale, 'share.panel.title')} data-testid="share-url" autoFocus onFocus={(e) => e.currentTarget.select()} />
      <div className="lock-form__actions">
        <button type="button" className="button button--primary" onClick={onCopy}>
          {t(locale, copied ? 'share.panel.copied' : 'share.panel.copy')}
        </button>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t(locale, 'share.panel.done')}
        </button>
      </div>
    </dialog>
  );
}
