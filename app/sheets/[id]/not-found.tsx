import Link from 'next/link';
import { currentLocale } from '@/components/i18n/locale';
import { t } from '@/lib/i18n';

/** Shown for a sheet that does not exist or that the person may not see. */
export default async function SheetNotFound() {
  const locale = await currentLocale();
  return (
    <main className="auth">
      <section className="auth__card">
        <h1 className="auth__title">{t(locale, 'notFound.title')}</h1>
        <p className="auth__lead">{t(locale, 'notFound.lead')}</p>
        <Link className="button" href="/sheets">
          {t(locale, 'access.back')}
        </Link>
      </section>
    </main>
  );
}
