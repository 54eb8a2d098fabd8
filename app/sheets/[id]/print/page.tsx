import { notFound, redirect } from 'next/navigation';
import Link from 'next/link';
import { currentLocale } from '@/components/i18n/locale';
import { PrintButton } from '@/components/export/PrintButton';
import { TemplateTable } from '@/components/export/TemplateTable';
import styles from '@/components/export/print.module.css';
import { isAppError } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { exportHeading, templateRows } from '@/lib/sheet/export';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** The print view: the sheet as the template's A4 table, which the browser saves as PDF. */
export default async function PrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await sessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/sheets/${id}/print`)}`);
  const locale = await currentLocale();
  const sheet = await concord()
    .commands.getSheet(user, id)
    .catch((err: unknown) => (isAppError(err) && err.code === 'not_found' ? notFound() : Promise.reject(err)));
  const at = new Date().toISOString();
  const retrospective = sheet.stage === 'archived' ? (await concord().commands.retrospective(user, id)).facts : null;
  return (
    <main className={styles.sheet} data-testid="print-view">
      <nav className={styles.actions}>
        <Link href={`/sheets/${id}`}>←</Link>
        <PrintButton label={t(locale, 'export.print')} />
        <a href={`/api/v1/sheets/${id}/export?format=md&locale=${locale}`}>{t(locale, 'export.markdown')}</a>
        <a href={`/api/v1/sheets/${id}/export?format=docx&locale=${locale}`}>{t(locale, 'export.word')}</a>
      </nav>
      <h1>{sheet.meta.title}</h1>
      <p className={styles.heading}>{exportHeading(sheet, locale, at)}</p>
      <TemplateTable rows={templateRows({ ...sheet, retrospective }, locale)} />
    </main>
  );
}
