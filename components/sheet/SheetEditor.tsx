'use client';

import { useEffect, useState, type ComponentType } from 'react';
import type { Locale } from '@/lib/i18n';
import type { LiveSheetProps } from './live/LiveSheet';
import type { SheetView } from './model';
import { SheetChrome } from './SheetChrome';
import { StaticSheet } from './StaticSheet';
import type { PresenceUser } from './sync/SheetConnection';

/**
 * The sheet page's body: every section as stored at once (rendered on the server), then the
 * live editor once its code has loaded in the browser and the sheet has synced.
 */
export function SheetEditor(props: LiveSheetProps) {
  const [Live, setLive] = useState<ComponentType<LiveSheetProps> | null>(null);
  useEffect(() => {
    // Yjs, y-websocket and Tiptap are imported in the browser only: rendering them on the server
    // would load a second copy of Yjs into the sync server's process.
    let current = true;
    void import('./live/LiveSheet').then((m) => current && setLive(() => m.LiveSheet));
    return () => {
      current = false;
    };
  }, []);
  if (Live) return <Live {...props} />;
  return <FirstPaint {...props} />;
}

function FirstPaint({ locale, sheet, self, projector, now }: { locale: Locale; sheet: SheetView; self: PresenceUser; projector: boolean; now: string }) {
  return (
    <SheetChrome locale={locale} sheetId={sheet.id} projector={projector} status="connecting" unsynced={0} unreachable={false} people={[]} selfId={self.id}>
      <StaticSheet locale={locale} sheet={sheet} now={now} />
    </SheetChrome>
  );
}
