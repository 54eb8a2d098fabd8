import { patchUserBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

/** Changes a person's name, department or administrator flag (administrators). */
export const PATCH = route<typeof patchUserBody, { userId: string }>({ body: patchUserBody }, async ({ commands, user, params, body }) => {
  const changed = await commands.updateUser(user, params.userId, body);
  return { id: changed.id, email: changed.email, name: changed.name, departmentName: changed.departmentName, isAdmin: changed.isAdmin };
});

export const { GET, POST, PUT, DELETE } = otherMethods('PATCH');
