'use client';

import { useRouter } from 'next/navigation';
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES, t, type Locale } from '@/lib/i18n';

/** Switches the interface language; the choice is kept in a cookie so server-rendered pages follow it. */
export function LocaleSwitcher({ locale }: { locale: Locale }) {
  const router = useRouter();
  const choose = (next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(next)}; path=/; max-age=31536000; samesite=lax`;
    // A refresh re-renders the server components in the new language without losing live client state.
    router.refresh();
  };
  return (
    <div className="locale-switcher" role="group" aria-label={t(locale, 'nav.language')}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === locale} onClick={() => choose(l)}>
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
