import { saveVersionBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** Keeps a named version of the sheet now ("save a version"). */
export const POST = route<typeof saveVersionBody, { id: string }>({ body: saveVersionBody }, async ({ commands, user, params, body }) =>
  created(await commands.saveVersion(user, params.id, body.name)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
