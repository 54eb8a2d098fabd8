'use client';

import { useState } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { HALT_AFTER_REFUSALS, type Refusal } from './sync/SheetConnection';

/**
 * Tells the person the server refused their change, why, and gives back the words it did not
 * keep; when the same refusal came again and again, that the page stopped reconnecting, and a
 * way to try once more.
 */
export function RefusalNotice(props: { locale: Locale; refusal: Refusal; halted: boolean; onDismiss: () => void; onResume: () => void }) {
  const { locale, refusal, halted, onDismiss, onResume } = props;
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!refusal.text) return;
    await navigator.clipboard.writeText(refusal.text).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <section className="notice notice--warning" role="alert" data-testid="refusal" data-reason={refusal.reason}>
      <h3 className="notice__title">{t(locale, 'refusal.title')}</h3>
      <p>{t(locale, `refusal.${refusal.reason}`)}</p>
      {halted && (
        <p data-testid="halted">
          <strong>{t(locale, 'refusal.halted', { count: HALT_AFTER_REFUSALS })}</strong>
        </p>
      )}
      {refusal.text === null ? (
        <p className="muted">{t(locale, 'refusal.pending')}</p>
      ) : refusal.text ? (
        <>
          <p>{t(locale, 'refusal.after')}</p>
          <textarea className="notice__text" readOnly value={refusal.text} rows={Math.min(6, refusal.text.split('\n').length + 1)} aria-label={t(locale, 'refusal.title')} data-testid="refused-text" />
        </>
      ) : (
        <p className="muted">{t(locale, 'refusal.nothing')}</p>
      )}
      <div className="notice__actions">
        {halted && (
          <button type="button" className="button" onClick={onResume} data-testid="resume">
            {t(locale, 'refusal.resume')}
          </button>
        )}
        {refusal.text && (
          <button type="button" className="button" onClick={() => void copy()}>
            {copied ? t(locale, 'refusal.copied') : t(locale, 'refusal.copy')}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          {t(locale, 'refusal.dismiss')}
        </button>
      </div>
    </section>
  );
}
