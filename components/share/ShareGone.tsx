import { t, type Locale } from '@/lib/i18n';
import styles from './share.module.css';

/** What a dead link shows: that it is dead, and why, never anything of the sheet. */
export function ShareGone({ locale, state }: { locale: Locale; state: 'revoked' | 'expired' | 'unknown' }) {
  return (
    <main className={`page ${styles.narrow} ${styles.gone}`} data-testid="share-gone">
      <h1>{t(locale, 'share.gone.title')}</h1>
      <p>{t(locale, `share.gone.${state}`)}</p>
    </main>
  );
}
