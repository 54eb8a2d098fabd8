'use client';

import { useEffect, useState } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { callApi } from '../http/api';
import { toSheetView, today, type SheetContent, type SheetView } from '../sheet/model';
import { StaticSheet } from '../sheet/StaticSheet';

/** A kept version of the sheet, read-only, drawn like the sheet itself (every section as it was). */
export function VersionView({ locale, sheetId, versionId, note }: { locale: Locale; sheetId: string; versionId: number; note: string }) {
  const [sheet, setSheet] = useState<SheetView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void callApi<{ sheet: SheetContent }>('GET', `/api/v1/sheets/${encodeURIComponent(sheetId)}/versions/${versionId}`).then((r) => {
      if (!current) return;
      // Nobody writes into a version: it is drawn with a viewer's access.
      if (r.ok) setSheet(toSheetView(sheetId, { role: 'viewer', allowed: [], isAdmin: false }, r.data.sheet));
      else setError(r.status === 0 ? t(locale, 'form.networkError') : t(locale, 'history.failed', { message: r.message }));
    });
    return () => {
      current = false;
    };
  }, [locale, sheetId, versionId]);
  if (error) return <p className="form-error" role="alert">{error}</p>;
  if (!sheet) return <p className="muted">{t(locale, 'history.loading')}</p>;
  return (
    <div className="version-view" data-testid="version-view">
      <StaticSheet locale={locale} sheet={sheet} now={today()} readOnlyNote={note} plain />
    </div>
  );
}
