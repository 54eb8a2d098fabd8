'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { t, type Locale } from '@/lib/i18n';
import { roleAtLeast, type Role } from '@/lib/policies';
import type { RichNode } from '@/lib/sheet/layout';
import { RecordEditor } from './RecordEditor';
import { RecordShell } from './RecordShell';
import { RefusalNotice } from './RefusalNotice';
import { StaticRichText } from './StaticRichText';
import { useControl, usePresence, useSheetConnection } from './sync/hooks';
import type { PresenceUser } from './sync/SheetConnection';

/** Props of 沟通记录 on the sheet page, all computed on the server. */
export interface RecordSectionProps {
  locale: Locale;
  sheetId: string;
  self: PresenceUser;
  role: Role;
  initialDoc: RichNode;
  initialControl: { locked: boolean; archived: boolean };
}

/**
 * 沟通记录, live: the collaborative editor once the sheet has synced (the server-rendered text
 * until then), with presence, connection state, and what to do after a refusal.
 */
export function LiveRecordSection(props: RecordSectionProps) {
  const { locale, sheetId, self, initialDoc } = props;
  const { connection, state } = useSheetConnection(sheetId, self, props.role);
  const people = usePresence(state?.provider ?? null);
  const role = state?.role ?? props.role;
  const router = useRouter();
  useEffect(() => {
    // The server says the person's role changed: what the page rendered (members, actions) is stale.
    if (role !== props.role) router.refresh();
  }, [role, props.role, router]);
  const status = state?.status ?? 'connecting';
  const staticRecord = <StaticRichText doc={initialDoc} empty={t(locale, 'record.empty')} label={t(locale, 'field.record')} />;

  return (
    <RecordShell locale={locale} status={status} people={people} selfId={self.id}>
      {state?.refusal && connection && <RefusalNotice locale={locale} refusal={state.refusal} onDismiss={() => connection.dismissRefusal()} />}
      {status === 'inaccessible' || status === 'signedOut' ? (
        <AccessLost locale={locale} signedOut={status === 'signedOut'} sheetId={sheetId} />
      ) : state?.synced && state.provider ? (
        <LiveRecord key={state.generation} {...{ locale, role, self }} doc={state.doc} provider={state.provider} fallback={staticRecord} initialControl={props.initialControl} />
      ) : (
        staticRecord
      )}
    </RecordShell>
  );
}

function LiveRecord(props: {
  locale: Locale;
  role: Role;
  self: PresenceUser;
  doc: Y.Doc;
  provider: WebsocketProvider;
  fallback: ReactNode;
  initialControl: { locked: boolean; archived: boolean };
}) {
  const { locale, role, doc } = props;
  const { locked, archived } = useControl(doc, 'record', props.initialControl);
  const mayWrite = roleAtLeast(role, 'editor');
  const readOnlyReason = archived
    ? t(locale, 'record.readOnly.archived')
    : locked
      ? t(locale, 'record.readOnly.locked')
      : mayWrite
        ? null
        : t(locale, 'record.readOnly.role', { role: t(locale, `role.${role}`) });
  return (
    <>
      {readOnlyReason && (
        <p className="read-only-note" data-testid="read-only">
          {readOnlyReason}
        </p>
      )}
      <RecordEditor doc={doc} provider={props.provider} section="record" self={props.self} editable={!readOnlyReason} label={t(locale, 'field.record')} fallback={props.fallback} />
    </>
  );
}

function AccessLost({ locale, signedOut, sheetId }: { locale: Locale; signedOut: boolean; sheetId: string }) {
  return (
    <div className="notice notice--error" role="alert" data-testid="access-lost">
      <p>{t(locale, signedOut ? 'access.signedOut' : 'access.lost')}</p>
      <Link className="button" href={signedOut ? `/signin?callbackUrl=${encodeURIComponent(`/sheets/${sheetId}`)}` : '/sheets'}>
        {t(locale, signedOut ? 'access.signInAgain' : 'access.back')}
      </Link>
    </div>
  );
}
