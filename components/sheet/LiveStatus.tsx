import { t, type Locale } from '@/lib/i18n';
import { PART_TITLE, type SheetPart } from './model';
import type { PresenceUser, SyncStatus } from './sync/SheetConnection';

/** A person in the sheet, where they are and whether they are typing (from awareness). */
export interface PresencePerson extends PresenceUser {
  section: SheetPart | null;
  typing: boolean;
}

/** The connection state in words and colour, with the count of changes the server has not confirmed. */
export function ConnectionBadge({ locale, status, unsynced }: { locale: Locale; status: SyncStatus; unsynced: number }) {
  return (
    <span className={`connection connection--${status}`} role="status" data-testid="connection" data-status={status} data-unsynced={unsynced}>
      <span className="connection__dot" aria-hidden="true" />
      {t(locale, `sync.${status}`)}
      <span className="connection__pending" data-testid="unsynced">
        {unsynced > 0 ? t(locale, 'sync.unsynced', { count: unsynced }) : status === 'connected' ? t(locale, 'sync.allSaved') : ''}
      </span>
    </span>
  );
}

/**
 * Who is on the sheet right now: name, department, caret colour, the section they are in and
 * whether they are typing. Choosing someone follows them (the page scrolls to where they are).
 * Whoever just lost their connection follows, greyed and marked offline, with no follow button.
 */
export function PresenceBar(props: { locale: Locale; people: PresencePerson[]; departed?: PresencePerson[]; selfId: string; followId?: string | null; onFollow?: (id: string | null) => void }) {
  const { locale, people, departed = [], selfId, followId, onFollow } = props;
  return (
    <div className="presence" aria-label={t(locale, 'presence.label')} data-testid="presence">
      <span className="presence__label">{t(locale, 'presence.count', { count: people.length })}</span>
      <ul className="presence__list">
        {people.map((p) => {
          const self = p.id === selfId;
          const following = followId === p.id;
          const where = p.section ? t(locale, 'presence.inSection', { section: t(locale, PART_TITLE[p.section]) }) : null;
          const body = (
            <>
              <span className={`presence__avatar${p.typing ? ' is-typing' : ''}`} aria-hidden="true">
                {Array.from(p.name)[0]}
              </span>
              <span className="presence__who">
                <span className="presence__name">
                  {p.name}
                  {self && <span className="muted"> {t(locale, 'presence.you')}</span>}
                </span>
                <span className="presence__where">
                  {[p.department, where].filter(Boolean).join(' · ')}
                  {p.typing && <span className="presence__typing"> · {t(locale, 'presence.typing')}</span>}
                </span>
              </span>
            </>
          );
          return (
            <li key={p.id} className={`presence__person${following ? ' is-followed' : ''}`} style={{ ['--person-color' as string]: p.color }} data-person={p.id}>
              {self || !onFollow ? (
                body
              ) : (
                <button type="button" className="presence__follow" aria-pressed={following} title={t(locale, following ? 'presence.unfollow' : 'presence.follow', { name: p.name })} onClick={() => onFollow(following ? null : p.id)}>
                  {body}
                </button>
              )}
            </li>
          );
        })}
        {departed.map((p) => (
          <li key={p.id} className="presence__person is-offline" style={{ ['--person-color' as string]: p.color }} data-person={p.id} data-offline="true">
            <span className="presence__avatar" aria-hidden="true">
              {Array.from(p.name)[0]}
            </span>
            <span className="presence__who">
              <span className="presence__name">{p.name}</span>
              <span className="presence__where">{[p.department, t(locale, 'presence.offline')].filter(Boolean).join(' · ')}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
