import { redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { AppHeader } from '@/components/shell/AppHeader';
import { StaleDaysForm, TrackingBoard } from '@/components/tracking/TrackingBoard';
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
    <>
      <AppHeader locale={locale} person={user} current="tracking" />
      <main className={`page ${styles.wide}`}>
        <section className="page__main" aria-labelledby="tracking-title">
          <header className={styles.pageHead}>
            <div>
              <h1 id="tracking-title" className="page__title">
                {t(locale, 'tracking.title')}
              </h1>
              <p className="panel__hint">{t(locale, 'tracking.lead')}</p>
            </div>
            <StaleDaysForm locale={locale} staleDays={lists.staleDays} />
          </header>
          {nothing ? <p className="empty">{t(locale, 'tracking.nothing')}</p> : <TrackingBoard locale={locale} lists={lists} />}
          <p className={styles.zone}>{t(locale, 'tasks.timeZone', { zone: lists.timeZone })}</p>
        </section>
      </main>
    </>
  );
}
