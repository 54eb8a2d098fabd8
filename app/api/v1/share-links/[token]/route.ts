import { noContent, otherMethods, route } from '@/server/http/route';

/**
 * Revokes a read-only link (facilitator of its sheet), by its token, or by its id with
 * `?sheet=<sheetId>` (the token is shown only once); its page shows nothing of the sheet from now on.
 */
export const DELETE = route<null, { token: string }>({ body: null }, async ({ commands, user, params, req }) => {
  await commands.revokeShareLink(user, params.token, req.nextUrl.searchParams.get('sheet') ?? undefined);
  return noContent();
});

export const { GET, POST, PUT, PATCH } = otherMethods('DELETE');
