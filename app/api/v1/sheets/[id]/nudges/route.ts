import { nudgeBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** Nudges (催办) a task's responsible person: `{ rowId, message? }`; for the tracker, the initiator and facilitators. */
export const POST = route<typeof nudgeBody, { id: string }>({ body: nudgeBody }, async ({ commands, user, params, body }) => created(await commands.nudge(user, params.id, body)));

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
