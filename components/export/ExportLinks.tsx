import { t, type Locale } from '@/lib/i18n';

/** Where a sheet goes after the meeting: the print view (PDF), Markdown and Word. */
export function ExportLinks({ locale, sheetId }: { locale: Locale; sheetId: string }) {
  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title" className="panel__title">
        {t(locale, 'export.title')}
      </h2>
      <ul className="link-list">
        <li>
          <a href={`/sheets/${sheetId}/print`}>{t(locale, 'export.print')}</a>
        </li>
        <li>
          <a href={`/api/v1/sheets/${sheetId}/export?format=md&locale=${locale}`}>{t(locale, 'export.markdown')}</a>
        </li>
        <li>
          <a href={`/api/v1/sheets/${sheetId}/export?format=docx&locale=${locale}`}>{t(locale, 'export.word')}</a>
        </li>
      </ul>
    </section>
  );
}
