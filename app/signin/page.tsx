import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/SignInForm';
import { currentLocale } from '@/components/i18n/locale';
import { AppHeader } from '@/components/shell/AppHeader';
import { AuthCard } from '@/components/shell/AuthCard';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** Only paths on this site are followed after sign-in, never another origin. */
function safeCallback(value: string | string[] | undefined): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/sheets';
}

/** Email and password sign-in (and SSO when configured). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await concord().commands.needsSetup()) redirect('/setup');
  const callbackUrl = safeCallback((await searchParams).callbackUrl);
  if (await sessionUser()) redirect(callbackUrl);
  const locale = await currentLocale();
  return (
    <>
      <AppHeader locale={locale} person={null} />
      <AuthCard title={t(locale, 'signin.title')} lead={t(locale, 'signin.lead')}>
        <SignInForm locale={locale} sso={concord().config.oidc?.name ?? null} callbackUrl={callbackUrl} />
      </AuthCard>
    </>
  );
}
