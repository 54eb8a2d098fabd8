import { redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { AppHeader } from '@/components/shell/AppHeader';
import { NoAccess } from '@/components/shell/NoAccess';
import { Dashboard } from '@/components/tracking/Dashboard';
import { TrackingPage } from '@/components/tracking/TrackingPage';
import { t } from '@/lib/i18n';
import { canViewDashboard } from '@/lib/policies';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** 看板: open sheets by stage and urgency, open and overdue tasks per department (administrators; a department head sees their own). */
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
    <TrackingPage
      locale={locale}
      person={user}
      current="dashboard"
      title={t(locale, 'dashboard.title')}
      lead={
        user.isAdmin || !data.department
          ? t(locale, 'dashboard.lead', { zone: data.timeZone, today: data.today })
          : t(locale, 'dashboard.leadHead', { department: data.department, zone: data.timeZone, today: data.today })
      }
    >
      <Dashboard locale={locale} data={data} />
    </TrackingPage>
  );
}
