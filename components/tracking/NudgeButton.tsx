'use client';

import { useState } from 'react';
import { t, type Locale, type MessageKey } from '@/lib/i18n';
import { callApi } from '../http/api';
import styles from './tracking.module.css';

/** Why the server may refuse a nudge (`details.reason`), each with its words. */
const NUDGE_REFUSALS = new Set(['notAllowed', 'noTask', 'noPerson', 'done', 'ownTask', 'notMember', 'archived']);

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
    // The server says why in a code; the person reads it in their language, never the server's English.
    const reason = (result.details as { reason?: string } | undefined)?.reason ?? (result.code === 'conflict' ? 'archived' : 'other');
    setError(result.status === 0 ? t(locale, 'form.networkError') : t(locale, NUDGE_REFUSALS.has(reason) ? (`nudge.refused.${reason}` as MessageKey) : 'nudge.refused.other'));
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
