import { redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { MyWork } from '@/components/tracking/MyWork';
import { TrackingPage } from '@/components/tracking/TrackingPage';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** 我的任务: every task assigned to me or my department across my sheets, overdue first. */
export default async function TasksPage() {
  const user = await sessionUser();
  if (!user) redirect('/signin?callbackUrl=/tasks');
  const [locale, mine] = await Promise.all([currentLocale(), concord().commands.myTasks(user)]);
  return (
    <TrackingPage locale={locale} person={user} current="tasks" title={t(locale, 'tasks.title')} lead={t(locale, 'tasks.lead')}>
      <MyWork locale={locale} tasks={mine.tasks} selfId={user.id} timeZone={mine.timeZone} />
    </TrackingPage>
  );
}
