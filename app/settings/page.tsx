import { redirect } from 'next/navigation';
import { LocaleSwitcher } from '@/components/i18n/LocaleSwitcher';
import { currentLocale } from '@/components/i18n/locale';
import { NotificationPreferences } from '@/components/notify/NotificationPreferences';
import { AccessTokens } from '@/components/settings/AccessTokens';
import { Security } from '@/components/settings/Security';
import styles from '@/components/settings/settings.module.css';
import { AppHeader } from '@/components/shell/AppHeader';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** Personal settings: who I am, the interface language, my password and sessions, my notifications and my personal access tokens. */
export default async function SettingsPage() {
  const user = await sessionUser();
  if (!user) redirect('/signin?callbackUrl=/settings');
  const [locale, tokens, notifications, hasPassword] = await Promise.all([
    currentLocale(),
    concord().commands.listAccessTokens(user.id),
    concord().commands.preferencesOf(user.id),
    concord().commands.hasPassword(user.id),
  ]);
  return (
    <>
      <AppHeader locale={locale} person={user} current="settings" />
      <main className={styles.page}>
        <h1 className="page__title">{t(locale, 'settings.title')}</h1>
        <section className={`panel stack ${styles.section}`} aria-labelledby="account-title">
          <h2 id="account-title" className="panel__title">
            {t(locale, 'settings.account.title')}
          </h2>
          <dl className={styles.account}>
            <dt>{t(locale, 'settings.account.name')}</dt>
            <dd>{user.name}</dd>
            <dt>{t(locale, 'settings.account.email')}</dt>
            <dd>{user.email}</dd>
            <dt>{t(locale, 'settings.account.department')}</dt>
            <dd>{user.departmentName ?? t(locale, 'people.none')}</dd>
            {user.isAdmin && (
              <>
                <dt>{t(locale, 'settings.account.admin')}</dt>
                <dd>{t(locale, 'people.yes')}</dd>
              </>
            )}
          </dl>
        </section>
        <section className={`panel stack ${styles.section}`} aria-labelledby="language-title">
          <div>
            <h2 id="language-title" className="panel__title">
              {t(locale, 'settings.language.title')}
            </h2>
            <p className="panel__hint">{t(locale, 'settings.language.lead')}</p>
          </div>
          <div>
            <LocaleSwitcher locale={locale} />
          </div>
        </section>
        <Security locale={locale} userId={user.id} email={user.email} hasPassword={hasPassword} />
        <NotificationPreferences locale={locale} initial={notifications} emailAvailable={notifications.emailAvailable} />
        <AccessTokens locale={locale} tokens={tokens} />
      </main>
    </>
  );
}
