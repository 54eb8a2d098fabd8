import { postFeedbackBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** Posts a progress note on a task in the caller's name, through the live sheet (and its status, by its responsible person). */
export const POST = route<typeof postFeedbackBody, { id: string }>({ body: postFeedbackBody }, async ({ commands, user, params, body }) =>
  created(await commands.postFeedback(user, params.id, body)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
