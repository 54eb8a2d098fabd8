'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import type { Lock } from '@/lib/sheet/layout';
import { callApi } from '../http/api';
import { LockIcon } from './LockNote';

/**
 * The facilitator's lock switch for a section or a task row (`tasks/<taskId>`): locking asks for an
 * optional reason and whether to only warn; unlocking is one click. Someone still typing there
 * holds the lock first ("李强 正在输入…"): lock anyway (what they typed and the server refuses is
 * offered back to them) or wait until they pause, then it locks by itself. The server writes the
 * lock into `control`, so every page (this one included) sees it through the live document.
 */
export function LockControl(props: { locale: Locale; sheetId: string; target: string; label: { lock: string; unlock: string }; lock: Lock | undefined; typing: string[] }) {
  const { locale, sheetId, target, label, lock, typing } = props;
  const [open, setOpen] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** A lock asked for while someone was typing: held until the facilitator decides, or they pause (`waiting`). */
  const [held, setHeld] = useState<{ body: { reason?: string; mode: Lock['mode'] }; waiting: boolean } | null>(null);
  const names = typing.join('、');
  const path = `/api/v1/sheets/${encodeURIComponent(sheetId)}/locks/${target.split('/').map(encodeURIComponent).join('/')}`;

  const run = async (method: 'PUT' | 'DELETE', body?: { reason?: string; mode: Lock['mode'] }) => {
    setWorking(true);
    setError(null);
    const result = await callApi(method, path, body);
    setWorking(false);
    if (!result.ok) return setError(t(locale, result.status === 0 ? 'form.networkError' : 'lock.failed', { message: result.message }));
    setOpen(false);
    setHeld(null);
  };
  const ask = (body: { reason?: string; mode: Lock['mode'] }) => (typing.length ? setHeld({ body, waiting: false }) : void run('PUT', body));
  const waitedEnough = held?.waiting && typing.length === 0;
  useEffect(() => {
    if (waitedEnough) void run('PUT', held.body);
    // `run` is the same request each time; the effect follows the typists only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [waitedEnough]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const reason = String(form.get('reason') ?? '').trim();
    ask({ ...(reason ? { reason } : {}), mode: form.get('warn') ? 'warn' : 'hard' });
  };

  return (
    <div className="lock-control">
      {lock ? (
        <button type="button" className="button button--small lock-control__button is-locked" disabled={working} aria-label={label.unlock} title={label.unlock} onClick={() => void run('DELETE')}>
          <LockIcon open /> {t(locale, 'lock.unlock')}
        </button>
      ) : (
        <button type="button" className="button button--small lock-control__button" aria-expanded={open} aria-label={label.lock} title={label.lock} onClick={() => setOpen(!open)}>
          <LockIcon /> {t(locale, 'lock.lock')}
        </button>
      )}
      {held && !lock && (
        <div className="lock-form lock-hold" role="alertdialog" aria-label={label.lock} data-testid="lock-hold">
          <p className="lock-hold__who">{held.waiting ? t(locale, 'lock.waiting', { names: names || '…' }) : t(locale, 'lock.typing', { names: names || '…' })}</p>
          <p className="muted">{t(locale, 'lock.typingHint')}</p>
          <div className="lock-form__actions">
            <button type="button" className="button button--small button--primary" disabled={working} onClick={() => void run('PUT', held.body)}>
              {t(locale, 'lock.anyway')}
            </button>
            {!held.waiting && (
              <button type="button" className="button button--small" onClick={() => setHeld({ ...held, waiting: true })}>
                {t(locale, 'lock.wait')}
              </button>
            )}
            <button type="button" className="button button--small button--quiet" onClick={() => setHeld(null)}>
              {t(locale, 'lock.cancel')}
            </button>
          </div>
        </div>
      )}
      {open && !lock && !held && (
        <form className="lock-form" onSubmit={submit} aria-label={label.lock}>
          <label className="field">
            <span className="field__label">{t(locale, 'lock.reason')}</span>
            <input name="reason" maxLength={LIMITS.reasonChars} placeholder={t(locale, 'lock.reasonPlaceholder')} autoFocus />
          </label>
          <label className="checkbox">
            <input type="checkbox" name="warn" />
            <span>{t(locale, 'lock.warnOnly')}</span>
          </label>
          <div className="lock-form__actions">
            <button type="submit" className="button button--small button--primary" disabled={working}>
              {t(locale, 'lock.confirm')}
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => setOpen(false)}>
              {t(locale, 'lock.cancel')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="form-error lock-control__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
