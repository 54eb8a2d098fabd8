import { redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { CreateSheetForm } from '@/components/sheets/CreateSheetForm';
import { SheetList } from '@/components/sheets/SheetList';
import { AppHeader } from '@/components/shell/AppHeader';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** My sheets, and a form to start a new one. */
export default async function SheetsPage() {
  const user = await sessionUser();
  if (!user) redirect('/signin?callbackUrl=/sheets');
  const [locale, sheets] = await Promise.all([currentLocale(), concord().commands.listSheets(user)]);
  return (
    <>
      <AppHeader locale={locale} person={user} />
      <main className="page page--sheets">
        <section className="page__main" aria-labelledby="sheets-title">
          <h1 id="sheets-title" className="page__title">
            {t(locale, 'sheets.title')}
          </h1>
          <SheetList locale={locale} sheets={sheets} />
        </section>
        <aside className="panel page__aside">
          <CreateSheetForm locale={locale} />
        </aside>
      </main>
    </>
  );
}
