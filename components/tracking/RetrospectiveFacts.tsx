import { formatDate, t, type Locale } from '@/lib/i18n';
import type { RetrospectiveFacts as Facts } from '@/lib/sheet/retrospective';
import styles from './tracking.module.css';

/** The facts of a retrospective (归档总结): tasks on time, late, open; plan changes; disputes and how they ended. */
export function RetrospectiveFacts({ locale, facts, kept }: { locale: Locale; facts: Facts; kept: boolean }) {
  return (
    <section aria-labelledby="retro-facts" data-testid="retrospective-facts">
      <h3 id="retro-facts" className="panel__subtitle">
        {t(locale, kept ? 'archive.factsKept' : 'archive.facts')} · <span className="muted">{t(locale, 'archive.asOf', { time: formatDate(locale, facts.at, true) })}</span>
      </h3>
      <div className={styles.facts}>
        <div className={styles.fact}>
          <p className={styles.factTitle}>{t(locale, 'archive.tasks')}</p>
          <dl className={styles.factLines}>
            <dt>{t(locale, 'archive.onTime')}</dt>
            <dd data-testid="fact-on-time">{facts.tasks.onTime}</dd>
            <dt>{t(locale, 'archive.late')}</dt>
            <dd data-testid="fact-late">{facts.tasks.late}</dd>
            <dt>{t(locale, 'archive.openTasks')}</dt>
            <dd data-testid="fact-open">{facts.tasks.open}</dd>
            {kept && facts.tasks.dropped ? (
              <>
                <dt>{t(locale, 'archive.droppedTasks')}</dt>
                <dd data-testid="fact-dropped">{facts.tasks.dropped}</dd>
              </>
            ) : null}
          </dl>
          {facts.tasks.openOverdue > 0 && <p className="panel__hint">{t(locale, 'archive.openOverdue', { n: facts.tasks.openOverdue })}</p>}
          {kept && facts.tasks.items?.length ? (
            <ul className={styles.points} data-testid="fact-open-work" aria-label={t(locale, 'archive.openWork')}>
              {facts.tasks.items.map((item) => (
                <li key={item.id}>
                  <span>
                    {item.task || '—'}
                    {item.reason && <span className={styles.pointReason}>{item.reason}</span>}
                  </span>
                  <span className={styles[`outcome-${item.outcome}`]}>{t(locale, `archive.taskOutcome.${item.outcome}`)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className={styles.fact}>
          <p className={styles.factTitle}>{t(locale, 'archive.planChanges')}</p>
          <p className={styles.factBig} data-testid="fact-plan-changes">
            {t(locale, 'archive.planChangesCount', { n: facts.planChanges })}
          </p>
        </div>
        <div className={styles.fact}>
          <p className={styles.factTitle}>{t(locale, 'archive.disputes')}</p>
          {facts.disputes.total === 0 ? (
            <p className="panel__hint">{t(locale, 'archive.disputesNone')}</p>
          ) : (
            <>
              <dl className={styles.factLines}>
                {(['agreed', 'dropped', 'open'] as const).map((outcome) => (
                  <div key={outcome} className={styles.factLine}>
                    <dt>{t(locale, `archive.outcome.${outcome}`)}</dt>
                    <dd>{facts.disputes[outcome]}</dd>
                  </div>
                ))}
              </dl>
              <ul className={styles.points}>
                {facts.disputes.points.map((p) => (
                  <li key={p.id}>
                    <span>
                      {p.question || '—'}
                      {p.reason && <span className={styles.pointReason}>{p.reason}</span>}
                    </span>
                    <span className={styles[`outcome-${p.outcome}`]}>{t(locale, `archive.outcome.${p.outcome}`)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
