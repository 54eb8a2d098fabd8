import { otherMethods, route } from '@/server/http/route';

/** The activity history (locks, stage changes, members, plan changes) and the kept versions; every member sees it. */
export const GET = route<null, { id: string }>({ body: null }, ({ commands, user, params }) => commands.history(user, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
