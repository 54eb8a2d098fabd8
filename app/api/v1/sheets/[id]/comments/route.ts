import { postCommentBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** Opens a comment thread or replies to one, written by the server in the caller's name (how viewers comment). */
export const POST = route<typeof postCommentBody, { id: string }>({ body: postCommentBody }, async ({ commands, user, params, body }) =>
  created(await commands.postComment(user, params.id, body)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
