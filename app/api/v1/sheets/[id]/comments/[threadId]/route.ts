import { patchThreadBody } from '@/lib/api/schemas';
import { noContent, otherMethods, route } from '@/server/http/route';

type Params = { id: string; threadId: string };

/** Resolves, reopens, agrees or drops a thread, or keeps it off share links: its author or an editor (how a viewer does it). */
export const PATCH = route<typeof patchThreadBody, Params>({ body: patchThreadBody }, async ({ commands, user, params, body }) => {
  await commands.changeThread(user, params.id, params.threadId, body);
  return noContent();
});

/** Removes a thread: its author while it holds only their words, otherwise the facilitator. */
export const DELETE = route<null, Params>({ body: null }, async ({ commands, user, params }) => {
  await commands.removeThread(user, params.id, params.threadId);
  return noContent();
});

export const { GET, POST, PUT } = otherMethods('PATCH', 'DELETE');
