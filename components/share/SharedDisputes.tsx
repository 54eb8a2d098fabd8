import { t, type Locale, type MessageKey } from '@/lib/i18n';
import type { DisputeSummary } from '@/lib/sheet/disputes';
import styles from './share.module.css';


/** The disputed points (争议点) of a shared sheet with their outcome; private threads never reach here. */
export function SharedDisputes({ locale, disputes }: { locale: Locale; disputes: DisputeSummary[] }) {
  return (
    <section className={styles.disputes} aria-labelledby="shared-disputes-title">
      <h2 id="shared-disputes-title">{t(locale, 'share.disputes')}</h2>
      {disputes.length === 0 && <p className="muted">{t(locale, 'share.disputes.none')}</p>}
      {disputes.map((d, i) => (
        <article key={i} className={`${styles.dispute} ${styles[d.status] ?? ''}`}>
          <header>
            <strong>{d.question || d.quote}</strong>
            <span className="badge">{t(locale, `share.dispute.status.${d.status}` as MessageKey)}</span>
          </header>
          {d.positions.length > 0 && (
            <>
              <h3>{t(locale, 'share.dispute.positions')}</h3>
              <ul>
                {d.positions.map((p, j) => (
                  <li key={j}>
                    <b>{p.department}</b>：{p.text}
                  </li>
                ))}
              </ul>
            </>
          )}
          {d.solutions.length > 0 && (
            <>
              <h3>{t(locale, 'share.dispute.solutions')}</h3>
              <ul>
                {d.solutions.map((s, j) => (
                  <li key={j}>{s.text}</li>
                ))}
              </ul>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
