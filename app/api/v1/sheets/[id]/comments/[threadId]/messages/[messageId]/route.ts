import { patchCommentBody } from '@/lib/api/schemas';
import { noContent, otherMethods, route } from '@/server/http/route';

type Params = { id: string; threadId: string; messageId: string };

/** Rewrites one's own message of a thread (how a viewer edits theirs). */
export const PATCH = route<typeof patchCommentBody, Params>({ body: patchCommentBody }, async ({ commands, user, params, body }) => {
  await commands.editComment(user, params.id, params.threadId, params.messageId, body);
  return noContent();
});

/** Removes a message: its author or the facilitator. */
export const DELETE = route<null, Params>({ body: null }, async ({ commands, user, params }) => {
  await commands.removeComment(user, params.id, params.threadId, params.messageId);
  return noContent();
});

export const { GET, POST, PUT } = otherMethods('PATCH', 'DELETE');
