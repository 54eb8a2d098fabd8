import { redirect } from 'next/navigation';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';

/** `/` sends each visitor where they belong: first-run setup, sign-in, or their sheets. */
export default async function Home() {
  if (await concord().commands.needsSetup()) redirect('/setup');
  redirect((await sessionUser()) ? '/sheets' : '/signin');
}
