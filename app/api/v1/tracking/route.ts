import { otherMethods, route } from '@/server/http/route';

/** The tracker's view across the sheets the caller follows up. */
export const GET = route({ body: null }, async ({ commands, user }) => commands.trackedTasks(user));

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
