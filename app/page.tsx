import { redirect } from 'next/navigation';
import { needsSetup } from '@/components/auth/needsSetup';
import { sessionUser } from '@/server/http/auth';

/** `/` sends each visitor where they belong: first-run setup, sign-in, or their sheets. */
export default async function Home() {
  if (await needsSetup()) redirect('/setup');
  redirect((await sessionUser()) ? '/sheets' : '/signin');
}
