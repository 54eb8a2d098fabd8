import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { PostCommentBody } from '../../lib/api/schemas';
import { AppError } from '../../lib/errors';
import { authorize } from '../../lib/policies';
import type { Concord } from '../context';
import { accessTo } from './access';
import type { Person } from './history';
import { refuseIfArchived } from './state';

const newId = () => randomBytes(9).toString('base64url');

/**
 * Opens a comment thread, or replies to one, written by the server in the person's name. A
 * viewer's socket writes nothing, so this is how viewers comment; any member may use it.
 */
export async function postComment(ctx: Concord, actor: Person, sheetId: string, input: PostCommentBody) {
  authorize(await accessTo(ctx, actor, sheetId), 'comment');
  return ctx.sync.withRoom(sheetId, async (room) => {
    refuseIfArchived(room.doc);
    const at = new Date().toISOString();
    const message = new Y.Map<unknown>(
      Object.entries({ id: newId(), authorId: actor.id, author: actor.name, at, text: input.text, ...(input.mentions?.length ? { mentions: input.mentions } : {}) }),
    );
    const comments = room.doc.getMap<Y.Map<unknown>>('comments');
    if ('threadId' in input) {
      const thread = comments.get(input.threadId);
      if (!(thread instanceof Y.Map)) throw new AppError('not_found', 'no such thread');
      await room.change(() => (thread.get('messages') as Y.Array<Y.Map<unknown>>).push([message]));
      return { threadId: input.threadId, messageId: message.get('id') as string };
    }
    const id = newId();
    const thread = new Y.Map<unknown>(
      Object.entries({
        id,
        section: input.section,
        anchor: input.anchor ?? null,
        taskId: input.taskId ?? null,
        quote: input.quote ?? '',
        createdBy: actor.id,
        createdByName: actor.name,
        createdAt: at,
        kind: input.kind ?? 'comment',
        status: 'open',
        private: false,
        question: input.question ?? '',
      }),
    );
    // Every list exists from the start, so that anyone may add a position or a solution to it.
    thread.set('messages', Y.Array.from([message]));
    thread.set('positions', new Y.Array());
    thread.set('solutions', new Y.Array());
    await room.change(() => comments.set(id, thread));
    return { threadId: id, messageId: message.get('id') as string };
  });
}
