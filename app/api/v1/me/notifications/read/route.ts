import { markReadBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

/** Marks my notifications read: `{ ids }` or `{ all: true }`. */
export const POST = route({ body: markReadBody }, ({ commands, user, body }) => commands.markRead(user.id, body));

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
