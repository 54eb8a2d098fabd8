'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { callApi } from '../../http/api';
import { PART_ORDER, PART_TITLE, type SheetPart, type SheetView } from '../model';
import { RefusalNotice } from '../RefusalNotice';
import { SheetChrome } from '../SheetChrome';
import { StaticSheet } from '../StaticSheet';
import { usePresence, useSheetConnection, useUnsynced } from '../sync/hooks';
import type { PresenceUser } from '../sync/SheetConnection';
import { LiveParts } from './LiveParts';

/** Props of the sheet editor, all computed on the server. */
export interface LiveSheetProps {
  locale: Locale;
  sheet: SheetView;
  self: PresenceUser;
  /** The projector view: large type, the section under discussion in focus. */
  projector: boolean;
  /** Today in the organisation's time zone (TIME_ZONE), from the server: what is overdue. */
  now: string;
}

/** How long after the last keystroke a person stops showing as typing. */
const TYPING_MS = 2000;

/**
 * The live sheet: one connection and one Y.Doc for every section, presence (where each person is,
 * who is typing, follow someone), the connection state and unsynced count, and refusals.
 */
export function LiveSheet(props: LiveSheetProps) {
  const { locale, sheet, self, projector } = props;
  const { connection, state } = useSheetConnection(sheet.id, self, sheet.role);
  const { people, departed } = usePresence(state?.provider ?? null);
  const unsynced = useUnsynced(connection, state?.generation ?? 0);
  const role = state?.role ?? sheet.role;
  const router = useRouter();
  const [followId, setFollowId] = useState<string | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const awareness = state?.provider?.awareness ?? null;

  useEffect(() => {
    // The server says the person's role changed: what the page rendered (members, actions) is stale.
    if (role !== sheet.role) router.refresh();
  }, [role, sheet.role, router]);

  useEffect(() => {
    if (!connection) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (connection.unsynced() > 0) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [connection]);

  const followed = people.find((p) => p.id === followId);
  useEffect(() => {
    if (!followed?.section) return;
    const section = document.querySelector(`[data-section="${followed.section}"]`);
    // Their caret, if they are in rich text; else the section they are in.
    const caret = Array.from(section?.querySelectorAll('.collaboration-carets__label') ?? []).find((l) => l.textContent === followed.name);
    (caret ?? section)?.scrollIntoView({ behavior: 'smooth', block: caret ? 'center' : 'start' });
  }, [followed?.section, followed?.name, followed?.typing]);

  const sectionOf = (e: SyntheticEvent) => ((e.target as Element).closest?.('[data-section]')?.getAttribute('data-section') ?? null) as SheetPart | null;
  const setLocal = (field: 'section' | 'typing', value: unknown) => {
    if (awareness && awareness.getLocalState()?.[field] !== value) awareness.setLocalStateField(field, value);
  };
  const onFocus = (e: SyntheticEvent) => setLocal('section', sectionOf(e));
  // Keystrokes, and input that comes without them (an IME's composed words, a phone keyboard, a paste).
  // Presence changes after the event: a re-render in the middle of an input event would give a
  // controlled field its old value back before its own handler reads the new one.
  const onTyping = () => {
    setTimeout(() => setLocal('typing', true), 0);
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => setLocal('typing', false), TYPING_MS);
  };

  const status = state?.status ?? 'connecting';
  const others = people.filter((p) => p.id !== self.id && p.section);
  const focus = projector ? underDiscussion(others.map((p) => p.section!)) : null;
  const lost = status === 'inaccessible' || status === 'signedOut';
  useEffect(() => {
    if (focus) document.querySelector(`[data-section="${focus}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [focus]);

  return (
    <SheetChrome
      locale={locale}
      sheetId={sheet.id}
      projector={projector}
      status={status}
      unsynced={unsynced}
      unreachable={state?.unreachable ?? false}
      people={people}
      departed={departed}
      selfId={self.id}
      followId={followId}
      onFollow={setFollowId}
      notice={state?.refusal && connection && (
          <RefusalNotice
            locale={locale}
            refusal={state.refusal}
            halted={status === 'halted'}
            onDismiss={() => connection.dismissRefusal()}
            onResume={() => connection.resume()}
            sectionName={(section) => t(locale, PART_TITLE[section as SheetPart])}
            onPropose={async (piece, index) => {
              const posted = await callApi('POST', `/api/v1/sheets/${encodeURIComponent(sheet.id)}/comments`, { section: piece.section, text: piece.text.slice(0, LIMITS.commentChars) });
              if (posted.ok) connection.settleRefusedPiece(index);
              return posted.ok;
            }}
          />
        )}
    >
      {lost ? (
        <AccessLost locale={locale} signedOut={status === 'signedOut'} sheetId={sheet.id} />
      ) : (
        <div onFocusCapture={onFocus} onKeyDownCapture={onTyping} onInputCapture={onTyping}>
          {state?.synced && state.provider ? (
            <LiveParts key={state.generation} locale={locale} sheet={sheet} self={self} role={role} doc={state.doc} provider={state.provider} people={people} focus={focus} now={props.now} />
          ) : (
            <StaticSheet locale={locale} sheet={sheet} now={props.now} />
          )}
        </div>
      )}
    </SheetChrome>
  );
}

/** The section most people are in: on the projector, the one under discussion. */
function underDiscussion(sections: SheetPart[]): SheetPart {
  const counts = new Map<SheetPart, number>();
  for (const s of sections) counts.set(s, (counts.get(s) ?? 0) + 1);
  let best: SheetPart = 'record';
  for (const part of PART_ORDER) if ((counts.get(part) ?? 0) > (counts.get(best) ?? 0)) best = part;
  return best;
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
