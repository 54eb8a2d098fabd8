import { lockBody } from '@/lib/api/schemas';
import { noContent, otherMethods, route } from '@/server/http/route';

type Params = { id: string; section: string[] };

/** Locks a section, or a task row as `tasks/<taskId>` (facilitator). */
export const PUT = route<typeof lockBody, Params>({ body: lockBody }, ({ commands, user, params, body }) =>
  commands.lock(user, params.id, params.section.join('/'), body),
);

/** Unlocks it again (facilitator). */
export const DELETE = route<null, Params>({ body: null }, async ({ commands, user, params }) => {
  await commands.unlock(user, params.id, params.section.join('/'));
  return noContent();
});

export const { GET, POST, PATCH } = otherMethods('PUT', 'DELETE');
