import { noContent, otherMethods, route } from '@/server/http/route';

/** Revokes one of the caller's personal access tokens. */
export const DELETE = route<null, { tokenId: string }>({ body: null }, async ({ commands, user, params }) => {
  await commands.revokeAccessToken(user.id, params.tokenId);
  return noContent();
});

export const { GET, POST, PUT, PATCH } = otherMethods('DELETE');
