import { noContent, otherMethods, route } from '@/server/http/route';

/** Removes a member (facilitator only); their open sockets close at once. */
export const DELETE = route<null, { id: string; userId: string }>({ body: null }, async ({ commands, user, params }) => {
  await commands.removeMember(user, params.id, params.userId);
  return noContent();
});

export const { GET, POST, PUT, PATCH } = otherMethods('DELETE');
