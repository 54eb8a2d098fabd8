import { dashboardQuery } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

/** The dashboard's counts: an administrator's for every department or `?department=`; a department head's for their own. */
export const GET = route({ body: null }, async ({ commands, user, req }) =>
  commands.dashboard(user, dashboardQuery.parse(Object.fromEntries(req.nextUrl.searchParams))),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
