import { redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { AppHeader } from '@/components/shell/AppHeader';
import { NoAccess } from '@/components/shell/NoAccess';
import { Dashboard } from '@/components/tracking/Dashboard';
import styles from '@/components/tracking/tracking.module.css';
import { t } from '@/lib/i18n';
import { canViewDashboard } from '@/lib/policies';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** 看板: open sheets by stage and urgency, open and overdue tasks per department (administrators). */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ department?: string }> }) {
  const user = await sessionUser();
  if (!user) redirect('/signin?callbackUrl=/dashboard');
  const [locale, query] = await Promise.all([currentLocale(), searchParams]);
  if (!canViewDashboard(user)) {
    return (
      <>
        <AppHeader locale={locale} person={user} />
        <NoAccess locale={locale} title={t(locale, 'dashboard.title')} lead={t(locale, 'dashboard.forbidden')} />
      </>
    );
  }
  const data = await concord().commands.dashboard(user, { department: query.department || undefined });
  return (
    <>
      <AppHeader locale={locale} person={user} current="dashboard" />
      <main className={`page ${styles.wide}`}>
        <section className="page__main" aria-labelledby="dashboard-title">
          <header>
            <h1 id="dashboard-title" className="page__title">
              {t(locale, 'dashboard.title')}
            </h1>
            <p className="panel__hint">{t(locale, 'dashboard.lead', { zone: data.timeZone, today: data.today })}</p>
          </header>
          <Dashboard locale={locale} data={data} />
        </section>
      </main>
    </>
  );
}
