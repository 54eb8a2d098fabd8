import { preferencesBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

/** My notification preferences: per kind, in the app and by email; the language of my emails. */
export const GET = route({ body: null }, ({ commands, user }) => commands.preferencesOf(user.id));

/** Changes some of my notification preferences. */
export const PUT = route({ body: preferencesBody }, ({ commands, user, body }) => commands.setPreferences(user.id, body));

export const { POST, PATCH, DELETE } = otherMethods('GET', 'PUT');
