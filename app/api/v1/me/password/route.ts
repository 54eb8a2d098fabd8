import { changePasswordBody } from '@/lib/api/schemas';
import { noContent, otherMethods, route } from '@/server/http/route';

/** Changes the caller's password (the current one is asked); every session they hold ends, this one too. */
export const PUT = route({ body: changePasswordBody }, async ({ commands, user, body }) => {
  await commands.changePassword(user, body);
  return noContent();
});

export const { GET, POST, PATCH, DELETE } = otherMethods('PUT');
