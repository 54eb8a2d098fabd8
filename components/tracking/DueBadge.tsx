import { formatDate, t, type Locale } from '@/lib/i18n';
import type { DeadlineStatus } from '@/lib/sheet/deadlines';
import type { TaskStatus } from '@/lib/sheet/fields';
import styles from './tracking.module.css';

/** A task's deadline and where it stands: overdue by n days (red), due today or soon (amber), done, or how long is left. */
export function DueBadge({ locale, deadline, due, status }: { locale: Locale; deadline: string | null; due: DeadlineStatus | null; status: TaskStatus }) {
  if (!deadline || !due) return <span className="muted">{t(locale, 'due.none')}</span>;
  const [label, tone] =
    status === 'done'
      ? [t(locale, 'due.done'), styles.dueDone]
      : due.overdue
        ? [t(locale, 'due.overdue', { n: due.daysLate }), styles.dueOverdue]
        : due.dueToday
          ? [t(locale, 'due.today'), styles.dueSoon]
          : due.daysLeft === 1
            ? [t(locale, 'due.tomorrow'), styles.dueSoon]
            : [t(locale, 'due.inDays', { n: due.daysLeft }), due.dueThisWeek ? styles.dueSoon : ''];
  return (
    <>
      <time className={styles.date} dateTime={deadline}>
        {formatDate(locale, deadline)}
      </time>
      <span className={`${styles.due} ${tone}`} data-testid="due" data-overdue={status !== 'done' && due.overdue ? 'true' : undefined}>
        {label}
      </span>
    </>
  );
}

/** A task's status with its colour dot. */
export function StatusLabel({ locale, status }: { locale: Locale; status: TaskStatus }) {
  return (
    <span className={`${styles.status} ${styles[`status-${status}`]}`} data-testid="task-status">
      <span className={styles.statusDot} aria-hidden="true" />
      {t(locale, `task.status.${status}`)}
    </span>
  );
}
