import { createShareLinkBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

type Params = { id: string };

/** The sheet's read-only links and their state (facilitator). */
export const GET = route<null, Params>({ body: null }, async ({ commands, user, params }) => ({ links: await commands.listShareLinks(user, params.id) }));

/** Creates a read-only link, optionally expiring and with a password; the token is shown once. */
export const POST = route<typeof createShareLinkBody, Params>({ body: createShareLinkBody }, async ({ commands, user, params, body }) =>
  created(await commands.createShareLink(user, params.id, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
