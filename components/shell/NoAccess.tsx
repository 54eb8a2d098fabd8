import Link from 'next/link';
import { t, type Locale } from '@/lib/i18n';
import styles from './NoAccess.module.css';

/** The page shown instead of one the signed-in person may not open (the 403 of a page). */
export function NoAccess({ locale, title, lead }: { locale: Locale; title: string; lead: string }) {
  return (
    <main className={styles.page}>
      <section className={`panel ${styles.card}`} aria-labelledby="no-access-title">
        <p className={styles.code} aria-hidden="true">
          403
        </p>
        <h1 id="no-access-title" className="page__title">
          {title}
        </h1>
        <p className={styles.lead}>{lead}</p>
        <Link href="/sheets" className="button">
          {t(locale, 'access.back')}
        </Link>
      </section>
    </main>
  );
}
