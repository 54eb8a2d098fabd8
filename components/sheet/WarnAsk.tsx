'use client';

import { useEffect, useRef } from 'react';
import { t, type Locale } from '@/lib/i18n';

/** The question a warn-only lock asks before a change: "this section was agreed; change it anyway?" */
export function WarnAsk({ locale, section, byName, onAnswer }: { locale: Locale; section: string; byName: string; onAnswer: (change: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    // Escape closes a modal dialog by itself: that counts as "leave it".
    <dialog ref={dialog} className="dialog warn-ask" aria-labelledby="warn-ask-title" data-testid="warn-ask" onClose={() => onAnswer(false)}>
      <h2 id="warn-ask-title" className="dialog__title">
        {t(locale, 'lock.askTitle')}
      </h2>
      <p>{t(locale, 'lock.askBody', { section, name: byName })}</p>
      <div className="lock-form__actions">
        <button type="button" className="button button--primary" onClick={() => onAnswer(true)}>
          {t(locale, 'lock.askYes')}
        </button>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t(locale, 'lock.askNo')}
        </button>
      </div>
    </dialog>
  );
}
