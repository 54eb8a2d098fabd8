import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { currentLocale } from '@/components/i18n/locale';
import { DisplayTimeZone } from '@/components/shell/DisplayTimeZone';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';
import './globals.css';

/** Title and description in the person's language. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await currentLocale();
  return { title: { default: `${t(locale, 'app.name')} · ${t(locale, 'app.tagline')}`, template: `%s · ${t(locale, 'app.name')}` } };
}

/** The document shell; `lang` follows the chosen locale so screen readers and fonts pick the right language; times are shown in the organisation's zone. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await currentLocale();
  return (
    <html lang={locale}>
      <body>
        <DisplayTimeZone zone={concord().config.timeZone} />
        {children}
      </body>
    </html>
  );
}
