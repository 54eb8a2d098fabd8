import { otherMethods, route } from '@/server/http/route';

/** How many of my notifications are unread: one indexed count, cheap enough for the bell to ask often. */
export const GET = route({ body: null }, ({ commands, user }) => commands.unreadCount(user.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
