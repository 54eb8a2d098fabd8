import { unlockShareLinkBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';
import { shareCookieName } from '@/lib/share';

/** Checks a link's password and remembers it for this link in a cookie; no sign-in needed. */
export const POST = route<typeof unlockShareLinkBody, { token: string }>({ body: unlockShareLinkBody, public: true }, async ({ commands, params, body }) => {
  const { linkId, proof } = await commands.unlockShareLink(params.token, body.password);
  const response = Response.json({ ok: true });
  response.headers.append('set-cookie', `${shareCookieName(linkId)}=${proof}; Path=/s/${params.token}; HttpOnly; SameSite=Lax; Max-Age=${12 * 3600}`);
  return response;
});

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
