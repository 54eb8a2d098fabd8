import { notificationsQuery } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

/** My notifications, newest first (`?limit=&before=<id>` pages back), with the unread count and the next page's `before`. */
export const GET = route({ body: null }, ({ commands, user, req }) => commands.myNotifications(user.id, notificationsQuery.parse(Object.fromEntries(req.nextUrl.searchParams))));

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
