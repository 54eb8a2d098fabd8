import type { ReactNode } from 'react';
import { formatDate, t, type Locale } from '@/lib/i18n';
import type { Lock } from '@/lib/sheet/layout';

/** A padlock drawn in SVG: the container's Chromium may have no emoji font. */
export function LockIcon({ open = false }: { open?: boolean }) {
  return (
    <svg className="lock-icon" width="12" height="14" viewBox="0 0 12 14" aria-hidden="true" focusable="false">
      <path d={open ? 'M3 6V4a3 3 0 0 1 5.8-1' : 'M3 6V4a3 3 0 0 1 6 0v2'} fill="none" stroke="currentColor" strokeWidth="1.5" />
      <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  );
}

/** A lock in words for everyone: hard or warn-only, who locked it, when and why; `action` sits at its end. */
export function LockNote({ locale, lock, action }: { locale: Locale; lock: Lock; action?: ReactNode }) {
  return (
    <div className={`lock-note lock-note--${lock.mode}`} data-testid="lock-note" data-mode={lock.mode} role="note">
      <span className="lock-note__icon" aria-hidden="true">
        {lock.mode === 'hard' ? <LockIcon /> : '✓'}
      </span>
      <div className="lock-note__words">
        <strong>{t(locale, lock.mode === 'hard' ? 'lock.hard' : 'lock.warn')}</strong>
        <span>{t(locale, 'lock.by', { name: lock.byName, at: formatDate(locale, lock.at, true) })}</span>
        {lock.reason && <span>{t(locale, 'lock.reasonText', { reason: lock.reason })}</span>}
        <span className="muted">{t(locale, lock.mode === 'hard' ? 'lock.hardHint' : 'lock.warnHint')}</span>
      </div>
      {action}
    </div>
  );
}
