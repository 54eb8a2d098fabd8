import Link from 'next/link';
import type { ReactNode } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { ConnectionBadge, PresenceBar, type PresencePerson } from './LiveStatus';
import type { SyncStatus } from './sync/SheetConnection';

/**
 * The frame around the sheet: connection state (always visible, sticky), a plain-words notice
 * when the sync server cannot be reached, presence, and the switch to and from the projector.
 */
export function SheetChrome(props: {
  locale: Locale;
  sheetId: string;
  projector: boolean;
  status: SyncStatus;
  unsynced: number;
  unreachable: boolean;
  people: PresencePerson[];
  /** Whose connection just closed: listed greyed, as offline, for a moment. */
  departed?: PresencePerson[];
  selfId: string;
  followId?: string | null;
  onFollow?: (id: string | null) => void;
  notice?: ReactNode;
  children: ReactNode;
}) {
  const { locale, sheetId, projector } = props;
  const href = projector ? `/sheets/${sheetId}` : `/sheets/${sheetId}/projector`;
  const followed = props.people.find((p) => p.id === props.followId);
  return (
    <div className={`sheet${projector ? ' sheet--projector' : ''}`}>
      <div className="sheet-bar">
        <ConnectionBadge locale={locale} status={props.status} unsynced={props.unsynced} />
        {followed && (
          <span className="sheet-bar__following" role="status">
            {t(locale, 'presence.following', { name: followed.name })}
          </span>
        )}
        <Link className="button button--small button--quiet" href={href} data-testid="projector-toggle">
          {t(locale, projector ? 'projector.back' : 'projector.open')}
        </Link>
      </div>
      {props.unreachable && props.status !== 'connected' && (
        <p className="notice notice--error" role="alert" data-testid="unreachable">
          {t(locale, 'sync.unreachable')}
        </p>
      )}
      {props.notice}
      <PresenceBar locale={locale} people={props.people} departed={props.departed} selfId={props.selfId} followId={props.followId} onFollow={props.onFollow} />
      {props.children}
    </div>
  );
}
