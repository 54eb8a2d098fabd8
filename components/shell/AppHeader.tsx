import Link from 'next/link';
import { t, type Locale } from '@/lib/i18n';
import { LocaleSwitcher } from '../i18n/LocaleSwitcher';
import { SignOutButton } from './SignOutButton';

/** The top bar of every page: product name, the signed-in person and sign-out, and the language switcher. */
export function AppHeader({ locale, person }: { locale: Locale; person: { name: string; departmentName: string | null } | null }) {
  return (
    <header className="app-header">
      <Link href={person ? '/sheets' : '/'} className="brand">
        <span className="brand__mark" aria-hidden="true">
          C
        </span>
        <span className="brand__name">{t(locale, 'app.name')}</span>
        <span className="brand__tagline">{t(locale, 'app.tagline')}</span>
      </Link>
      <nav className="app-header__end" aria-label={t(locale, 'app.name')}>
        {person && (
          <Link href="/sheets" className="app-header__link">
            {t(locale, 'nav.sheets')}
          </Link>
        )}
        <LocaleSwitcher locale={locale} />
        {person && (
          <>
            <span className="app-header__person" data-testid="current-user">
              {person.name}
              {person.departmentName && <span className="muted"> · {person.departmentName}</span>}
            </span>
            <SignOutButton label={t(locale, 'nav.signOut')} />
          </>
        )}
      </nav>
    </header>
  );
}
