import Link from 'next/link';
import { t, type Locale } from '@/lib/i18n';
import { canViewDashboard } from '@/lib/policies';
import { LocaleSwitcher } from '../i18n/LocaleSwitcher';
import { NotificationBell } from '../notify/NotificationBell';
import styles from './AppHeader.module.css';
import { HeaderMenu } from './HeaderMenu';
import { SignOutButton } from './SignOutButton';

/** The signed-in person as the header shows them; only administrators get the administration link, heads of departments the dashboard's. */
export interface HeaderPerson {
  name: string;
  departmentName: string | null;
  isAdmin?: boolean;
  headOf?: string | null;
}

/** The pages the header links to, so the current one can be marked. */
export type HeaderPage = 'sheets' | 'tasks' | 'tracking' | 'dashboard' | 'admin' | 'settings';

/** The top bar of every page: product name, navigation, the signed-in person and sign-out, the language switcher and the bell; on a phone the navigation folds into a menu. */
export function AppHeader({ locale, person, current }: { locale: Locale; person: HeaderPerson | null; current?: HeaderPage }) {
  const link = (page: HeaderPage, label: string) => (
    <Link href={`/${page}`} className={`app-header__link ${styles.link}`} aria-current={current === page ? 'page' : undefined}>
      {label}
    </Link>
  );
  return (
    <header className="app-header">
      <Link href={person ? '/sheets' : '/'} className="brand">
        <span className="brand__mark" aria-hidden="true">
          C
        </span>
        <span className="brand__name">{t(locale, 'app.name')}</span>
        <span className="brand__tagline">{t(locale, 'app.tagline')}</span>
      </Link>
      {person ? (
        <>
          <NotificationBell locale={locale} />
          <HeaderMenu label={t(locale, 'app.name')} openLabel={t(locale, 'nav.menu')}>
            {link('sheets', t(locale, 'nav.sheets'))}
            {link('tasks', t(locale, 'nav.tasks'))}
            {link('tracking', t(locale, 'nav.tracking'))}
            {canViewDashboard({ isAdmin: Boolean(person.isAdmin), headOf: person.headOf }) && link('dashboard', t(locale, 'nav.dashboard'))}
            {person.isAdmin && link('admin', t(locale, 'nav.admin'))}
            {link('settings', t(locale, 'nav.settings'))}
            <LocaleSwitcher locale={locale} />
            <span className="app-header__person" data-testid="current-user">
              {person.name}
              {person.departmentName && <span className={`muted ${styles.department}`}> · {person.departmentName}</span>}
            </span>
            <SignOutButton label={t(locale, 'nav.signOut')} />
          </HeaderMenu>
        </>
      ) : (
        <nav className="app-header__end" aria-label={t(locale, 'app.name')}>
          <LocaleSwitcher locale={locale} />
        </nav>
      )}
    </header>
  );
}
