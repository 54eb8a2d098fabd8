import { dashboardQuery } from '@/lib/api/schemas';
import { route } from '@/server/http/route';

/** The dashboard's counts (administrators), for every department or `?department=`. */
export const GET = route({ body: null }, async ({ commands, user, req }) =>
  commands.dashboard(user, dashboardQuery.parse(Object.fromEntries(req.nextUrl.searchParams))),
);
