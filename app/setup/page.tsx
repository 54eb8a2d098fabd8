import { redirect } from 'next/navigation';
import { concord } from '@/server/context';
import { SetupForm } from '@/components/auth/SetupForm';
import { currentLocale } from '@/components/i18n/locale';
import { AppHeader } from '@/components/shell/AppHeader';
import { AuthCard } from '@/components/shell/AuthCard';
import { t } from '@/lib/i18n';

/** First run only: create the first administrator. */
export default async function SetupPage() {
  if (!(await concord().commands.needsSetup())) redirect('/signin');
  const locale = await currentLocale();
  return (
    <>
      <AppHeader locale={locale} person={null} />
      <AuthCard title={t(locale, 'setup.title')} lead={t(locale, 'setup.lead')}>
        <SetupForm locale={locale} />
      </AuthCard>
    </>
  );
}
