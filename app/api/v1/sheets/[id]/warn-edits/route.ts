import { warnEditBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** Records that the caller changes a section agreed under a warn-only lock (a version is kept first). */
export const POST = route<typeof warnEditBody, { id: string }>({ body: warnEditBody }, async ({ commands, user, params, body }) =>
  created(await commands.recordWarnEdit(user, params.id, body.section)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
