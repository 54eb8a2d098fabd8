import { otherMethods, route } from '@/server/http/route';

/** The sheet's open tasks that are overdue, due this week, or without feedback for the caller's chosen days. */
export const GET = route<null, { id: string }>({ body: null }, async ({ commands, user, params }) => commands.sheetTracking(user, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
