import { t, type Locale } from '@/lib/i18n';
import type { PresenceUser, SyncStatus } from './sync/SheetConnection';

/** The connection state in words and colour: connected, connecting, offline, no access. */
export function ConnectionBadge({ locale, status }: { locale: Locale; status: SyncStatus }) {
  return (
    <span className={`connection connection--${status}`} role="status" data-testid="connection" data-status={status}>
      <span className="connection__dot" aria-hidden="true" />
      {t(locale, `sync.${status}`)}
    </span>
  );
}

/** Who is on the sheet right now: name, department and caret colour. */
export function PresenceBar({ locale, people, selfId }: { locale: Locale; people: PresenceUser[]; selfId: string }) {
  return (
    <div className="presence" aria-label={t(locale, 'presence.label')} data-testid="presence">
      <span className="presence__label">{t(locale, 'presence.label')}</span>
      <ul className="presence__list">
        {people.map((p) => (
          <li key={p.id} className="presence__person" style={{ ['--person-color' as string]: p.color }} title={p.department ?? undefined}>
            <span className="presence__avatar" aria-hidden="true">
              {Array.from(p.name)[0]}
            </span>
            <span className="presence__name">
              {p.name}
              {p.id === selfId && <span className="muted"> {t(locale, 'presence.you')}</span>}
            </span>
            {p.department && <span className="presence__dept">{p.department}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
