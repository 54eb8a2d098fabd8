import Link from 'next/link';
import type { CSSProperties } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { URGENCIES } from '@/lib/sheet/fields';
import type { Commands } from '@/server/commands';
import styles from './tracking.module.css';

type DashboardData = Awaited<ReturnType<Commands['dashboard']>>;

const URGENCY_COLOUR = { urgent: '#e03131', normal: '#f59f00', low: '#adb5bd' } as const;
const pct = (n: number, of: number) => `${of ? Math.max(2, (n / of) * 100) : 0}%`;

/** One horizontal bar made of coloured parts, with its label and total. */
function Bar({ label, parts, max, total }: { label: string; parts: Array<{ kind: string; value: number; title: string }>; max: number; total: number }) {
  return (
    <li className={styles.bar}>
      <span>{label}</span>
      <span className={styles.barTrack} role="img" aria-label={`${label}: ${parts.map((p) => `${p.title} ${p.value}`).join(', ')}`}>
        {parts
          .filter((p) => p.value > 0)
          .map((p) => (
            <span key={p.kind} className={styles.barFill} data-kind={p.kind} style={{ width: pct(p.value, max) }} title={`${p.title}: ${p.value}`} />
          ))}
      </span>
      <span className={styles.barValue}>{total}</span>
    </li>
  );
}

/** The department head's dashboard: totals, open sheets by stage (split by urgency) and by urgency, open tasks per department. */
export function Dashboard({ locale, data }: { locale: Locale; data: DashboardData }) {
  const stageMax = Math.max(1, ...data.matrix.map((m) => URGENCIES.reduce((a, u) => a + m[u], 0)));
  const urgencyMax = Math.max(1, ...URGENCIES.map((u) => data.byUrgency[u]));
  const taskMax = Math.max(1, ...data.tasks.map((d) => d.open));
  const totalOpen = data.tasks.reduce((a, d) => a + d.open, 0);
  const totalOverdue = data.tasks.reduce((a, d) => a + d.overdue, 0);
  const legend = (items: Array<[string, string]>) => (
    <ul className={styles.legend}>
      {items.map(([label, colour]) => (
        <li key={label} style={{ '--swatch': colour } as CSSProperties}>
          {label}
        </li>
      ))}
    </ul>
  );
  const query = (department: string | null) => (department ? `/dashboard?department=${encodeURIComponent(department)}` : '/dashboard');
  return (
    <>
      {data.departments.length > 0 && (
        <nav className={styles.filterBar} aria-label={t(locale, 'dashboard.department')}>
          {[null, ...data.departments].map((d) => (
            <Link key={d ?? ''} href={query(d)} aria-current={data.department === d ? 'page' : undefined}>
              {d ?? t(locale, 'dashboard.allDepartments')}
            </Link>
          ))}
        </nav>
      )}
      <div className={styles.tiles}>
        <div className={styles.tile} data-testid="tile-open-sheets">
          <p className={styles.tileLabel}>{t(locale, 'dashboard.openSheets')}</p>
          <p className={styles.tileValue}>{data.openSheets}</p>
        </div>
        <div className={`${styles.tile} ${data.byUrgency.urgent ? styles.tileDanger : ''}`}>
          <p className={styles.tileLabel}>{t(locale, 'dashboard.urgentSheets')}</p>
          <p className={styles.tileValue}>{data.byUrgency.urgent}</p>
        </div>
        <div className={styles.tile}>
          <p className={styles.tileLabel}>{t(locale, 'dashboard.totalOpen')}</p>
          <p className={styles.tileValue}>{totalOpen}</p>
        </div>
        <div className={`${styles.tile} ${totalOverdue ? styles.tileDanger : ''}`} data-testid="tile-overdue">
          <p className={styles.tileLabel}>{t(locale, 'dashboard.totalOverdue')}</p>
          <p className={styles.tileValue}>{totalOverdue}</p>
        </div>
      </div>
      <div className={styles.charts}>
        <section className={`panel ${styles.chart}`} aria-labelledby="by-stage">
          <h2 id="by-stage" className="panel__title">
            {t(locale, 'dashboard.byStage')}
          </h2>
          <ul className={styles.bars}>
            {data.matrix.map((m) => (
              <Bar
                key={m.stage}
                label={t(locale, `stage.${m.stage}`)}
                max={stageMax}
                total={URGENCIES.reduce((a, u) => a + m[u], 0)}
                parts={URGENCIES.map((u) => ({ kind: u, value: m[u], title: t(locale, `urgency.${u}`) }))}
              />
            ))}
          </ul>
          {legend(URGENCIES.map((u) => [t(locale, `urgency.${u}`), URGENCY_COLOUR[u]]))}
        </section>
        <section className={`panel ${styles.chart}`} aria-labelledby="by-urgency">
          <h2 id="by-urgency" className="panel__title">
            {t(locale, 'dashboard.byUrgency')}
          </h2>
          <ul className={styles.bars}>
            {URGENCIES.map((u) => (
              <Bar key={u} label={t(locale, `urgency.${u}`)} max={urgencyMax} total={data.byUrgency[u]} parts={[{ kind: u, value: data.byUrgency[u], title: t(locale, `urgency.${u}`) }]} />
            ))}
          </ul>
        </section>
      </div>
      <section className={`panel ${styles.chart}`} aria-labelledby="by-department" data-testid="tasks-by-department">
        <h2 id="by-department" className="panel__title">
          {t(locale, 'dashboard.tasksByDepartment')}
        </h2>
        {data.tasks.length === 0 ? (
          <p className="panel__hint">{t(locale, 'dashboard.noTasks')}</p>
        ) : (
          <>
            <ul className={styles.bars}>
              {data.tasks.map((d) => (
                <Bar
                  key={d.department ?? ''}
                  label={d.department ?? t(locale, 'dashboard.noDepartment')}
                  max={taskMax}
                  total={d.open}
                  parts={[
                    { kind: 'overdue', value: d.overdue, title: t(locale, 'dashboard.overdue') },
                    { kind: 'week', value: d.dueThisWeek, title: t(locale, 'dashboard.dueThisWeek') },
                    { kind: 'rest', value: d.open - d.overdue - d.dueThisWeek, title: t(locale, 'dashboard.later') },
                  ]}
                />
              ))}
            </ul>
            {legend([
              [t(locale, 'dashboard.overdue'), '#e03131'],
              [t(locale, 'dashboard.dueThisWeek'), '#f59f00'],
              [t(locale, 'dashboard.later'), '#adb5bd'],
            ])}
          </>
        )}
      </section>
    </>
  );
}
