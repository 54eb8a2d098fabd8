import { cookies } from 'next/headers';
import { LOCALE_COOKIE, resolveLocale, type Locale } from '@/lib/i18n';

/** The locale of the current request, from the person's cookie (server components only). */
export async function currentLocale(): Promise<Locale> {
  return resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}
