import { redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { AppHeader } from '@/components/shell/AppHeader';
import { MyWork } from '@/components/tracking/MyWork';
import styles from '@/components/tracking/tracking.module.css';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** 我的任务: every task assigned to me or my department across my sheets, overdue first. */
export default async function TasksPage() {
  const user = await sessionUser();
  if (!user) redirect('/signin?callbackUrl=/tasks');
  const [locale, mine] = await Promise.all([currentLocale(), concord().commands.myTasks(user)]);
  return (
    <>
      <AppHeader locale={locale} person={user} current="tasks" />
      <main className={`page ${styles.wide}`}>
        <section className="page__main" aria-labelledby="tasks-title">
          <header>
            <h1 id="tasks-title" className="page__title">
              {t(locale, 'tasks.title')}
            </h1>
            <p className="panel__hint">{t(locale, 'tasks.lead')}</p>
          </header>
          <MyWork locale={locale} tasks={mine.tasks} selfId={user.id} timeZone={mine.timeZone} />
        </section>
      </main>
    </>
  );
}
