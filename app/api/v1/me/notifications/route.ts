import { notificationsQuery } from '@/lib/api/schemas';
import { route } from '@/server/http/route';

/** My notifications, newest first (`?limit=&before=<id>` pages back), with the unread count and the next page's `before`. */
export const GET = route({ body: null }, ({ commands, user, req }) => commands.myNotifications(user.id, notificationsQuery.parse(Object.fromEntries(req.nextUrl.searchParams))));
