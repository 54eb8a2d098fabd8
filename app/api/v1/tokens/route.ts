import { createTokenBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** The caller's personal access tokens (names and dates, never the tokens). */
export const GET = route({ body: null }, async ({ commands, user }) => ({ tokens: await commands.listAccessTokens(user.id) }));

/** Issues a personal access token for the caller; it is shown once. */
export const POST = route({ body: createTokenBody }, async ({ commands, user, body }) =>
  created({ token: await commands.createAccessToken(user.id, body.name), name: body.name }),
);

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
