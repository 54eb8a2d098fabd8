import { notFound, redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { toSheetView } from '@/components/sheet/model';
import { isAppError } from '@/lib/errors';
import { todayIn } from '@/lib/sheet/deadlines';
import type { Commands } from '@/server/commands';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';
import type { User } from '@/server/store/types';
import { colorOf } from '@/server/sync/identity';

type Sheet = Awaited<ReturnType<Commands['getSheet']>>;

/** A sheet where its members can read it. Outsiders get "not found" so its existence does not leak. */
async function loadSheet(user: User, id: string): Promise<Sheet> {
  try {
    return await concord().commands.getSheet(user, id);
  } catch (err) {
    if (isAppError(err) && (err.code === 'not_found' || err.code === 'forbidden')) notFound();
    throw err;
  }
}

/** Everything a sheet page renders on the server: the person, their language, and every section as stored. */
export async function loadSheetPage(id: string, path: string) {
  const user = await sessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  const [locale, sheet] = await Promise.all([currentLocale(), loadSheet(user, id)]);
  const view = toSheetView(sheet.id, { role: sheet.role!, allowed: sheet.allowed, isAdmin: user.isAdmin }, sheet);
  const self = { id: user.id, name: user.name, department: user.departmentName, color: colorOf(user.id) };
  // Deadlines end at midnight in the organisation's time zone, wherever the person is.
  return { user, locale, sheet, view, self, now: todayIn(concord().config.timeZone, new Date()) };
}
