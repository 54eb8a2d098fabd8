import { noContent, route } from '@/server/http/route';

/** Revokes a read-only link (facilitator of its sheet); its page shows nothing of the sheet from now on. */
export const DELETE = route<null, { token: string }>({ body: null }, async ({ commands, user, params }) => {
  await commands.revokeShareLink(user, params.token);
  return noContent();
});
