'use client';

import { useState } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { callApi } from '../http/api';
import styles from './tracking.module.css';

/**
 * 催办: one click asks the server to remind the task's responsible person (an in-app notification,
 * and an email when SMTP is configured); the button then says it was sent.
 */
export function NudgeButton({ locale, sheetId, rowId, person, task }: { locale: Locale; sheetId: string; rowId: string; person: string; task: string }) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);
  const nudge = async () => {
    setState('sending');
    setError(null);
    const result = await callApi('POST', `/api/v1/sheets/${encodeURIComponent(sheetId)}/nudges`, { rowId });
    if (result.ok) return setState('sent');
    setState('idle');
    setError(result.status === 0 ? t(locale, 'form.networkError') : result.message);
  };
  if (state === 'sent') {
    return (
      <span className={styles.nudged} role="status" data-testid="nudged">
        ✓ {t(locale, 'nudge.sent', { name: person || '—' })}
      </span>
    );
  }
  return (
    <span>
      <button
        type="button"
        className="button button--small"
        disabled={state === 'sending'}
        onClick={() => void nudge()}
        aria-label={t(locale, 'nudge.label', { person: person || '—', task: task || '—' })}
        data-testid="nudge"
      >
        {state === 'sending' ? t(locale, 'nudge.sending') : t(locale, 'nudge.button')}
      </button>
      {error && (
        <span className={styles.nudgeError} role="alert">
          {' '}
          {t(locale, 'nudge.failed', { message: error })}
        </span>
      )}
    </span>
  );
}
