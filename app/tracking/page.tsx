import { redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { StaleDaysForm, TrackingBoard } from '@/components/tracking/TrackingBoard';
import { TrackingPage as Frame } from '@/components/tracking/TrackingPage';
import styles from '@/components/tracking/tracking.module.css';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** 跟踪: what is overdue, due this week or silent on the sheets I follow up, with 催办 for each. */
export default async function TrackingPage() {
  const user = await sessionUser();
  if (!user) redirect('/signin?callbackUrl=/tracking');
  const [locale, lists] = await Promise.all([currentLocale(), concord().commands.trackedTasks(user)]);
  const nothing = lists.overdue.length + lists.dueThisWeek.length + lists.silent.length === 0;
  return (
    <Frame
      locale={locale}
      person={user}
      current="tracking"
      title={t(locale, 'tracking.title')}
      lead={t(locale, 'tracking.lead')}
      aside={<StaleDaysForm locale={locale} staleDays={lists.staleDays} />}
    >
      {nothing ? <p className="empty">{t(locale, 'tracking.nothing')}</p> : <TrackingBoard locale={locale} lists={lists} selfId={user.id} />}
      <p className={styles.zone}>{t(locale, 'tasks.timeZone', { zone: lists.timeZone })}</p>
    </Frame>
  );
}
