import type { ReactNode } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { ConnectionBadge, PresenceBar } from './LiveStatus';
import type { PresenceUser, SyncStatus } from './sync/SheetConnection';

/** The frame of 沟通记录: title, connection state, presence, then the body (static or live). */
export function RecordShell({ locale, status, people, selfId, children }: { locale: Locale; status: SyncStatus; people: PresenceUser[]; selfId: string; children: ReactNode }) {
  return (
    <section className="panel record" aria-labelledby="record-title">
      <header className="record__header">
        <div>
          <h2 id="record-title" className="panel__title">
            {t(locale, 'field.record')}
          </h2>
          <p className="panel__hint">{t(locale, 'field.recordHint')}</p>
        </div>
        <ConnectionBadge locale={locale} status={status} />
      </header>
      <PresenceBar locale={locale} people={people} selfId={selfId} />
      {children}
    </section>
  );
}
