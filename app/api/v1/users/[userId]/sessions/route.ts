import { noContent, otherMethods, route } from '@/server/http/route';

/** "Sign out everywhere": ends every session of a person (administrators, or the person themself). */
export const DELETE = route<null, { userId: string }>({ body: null }, async ({ commands, user, params }) => {
  await commands.endSessions(user, params.userId);
  return noContent();
});

export const { GET, POST, PUT, PATCH } = otherMethods('DELETE');
