import { redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { CreateSheetForm } from '@/components/sheets/CreateSheetForm';
import { SheetBrowser } from '@/components/sheets/SheetBrowser';
import { filtersFromQuery } from '@/components/sheets/filters';
import { AppHeader } from '@/components/shell/AppHeader';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** My sheets, filtered as the query string says, and a form to start a new one. */
export default async function SheetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await sessionUser();
  if (!user) redirect('/signin?callbackUrl=/sheets');
  const [locale, sheets, query] = await Promise.all([currentLocale(), concord().commands.listSheets(user), searchParams]);
  return (
    <>
      <AppHeader locale={locale} person={user} current="sheets" />
      <main className="page page--sheets">
        <section className="page__main" aria-labelledby="sheets-title">
          <h1 id="sheets-title" className="page__title">
            {t(locale, 'sheets.title')}
          </h1>
          <SheetBrowser locale={locale} sheets={sheets} initial={filtersFromQuery(query)} />
        </section>
        <aside className="panel page__aside">
          <CreateSheetForm locale={locale} />
        </aside>
      </main>
    </>
  );
}
