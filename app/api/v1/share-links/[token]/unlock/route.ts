import { unlockShareLinkBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';
import { shareCookieName } from '@/lib/share';

/** Checks a link's password (10 wrong ones per link per 15 minutes, then 429) and remembers it for this link in a cookie; no sign-in needed. */
export const POST = route<typeof unlockShareLinkBody, { token: string }>({ body: unlockShareLinkBody, public: true }, async ({ ctx, commands, params, body }) => {
  const { linkId, proof } = await commands.unlockShareLink(params.token, body.password);
  const response = Response.json({ ok: true });
  const secure = ctx.config.publicUrl.startsWith('https:') ? '; Secure' : '';
  response.headers.append('set-cookie', `${shareCookieName(linkId)}=${proof}; Path=/s/${params.token}; HttpOnly; SameSite=Lax; Max-Age=${12 * 3600}${secure}`);
  return response;
});

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
