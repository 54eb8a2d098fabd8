import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { PatchCommentBody, PatchThreadBody, PostCommentBody } from '../../lib/api/schemas';
import { AppError } from '../../lib/errors';
import { authorize, roleAtLeast, type Role } from '../../lib/policies';
import { threadOnlyBy } from '../../lib/sheet/doc';
import type { Room } from '../sync/room';
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

/**
 * Runs `fn` on a thread of a sheet the person may comment on, in its live room: how a viewer, whose
 * socket writes nothing, changes their own comments. The same rules as the guard's (GUARD.md C2, C3).
 */
async function onThread<T>(ctx: Concord, actor: Person, sheetId: string, threadId: string, fn: (thread: Y.Map<unknown>, role: Role, room: Room) => Promise<T>): Promise<T> {
  const access = await accessTo(ctx, actor, sheetId);
  authorize(access, 'comment');
  return ctx.sync.withRoom(sheetId, async (room) => {
    refuseIfArchived(room.doc);
    const thread = room.doc.getMap<Y.Map<unknown>>('comments').get(threadId);
    if (!(thread instanceof Y.Map)) throw new AppError('not_found', 'no such thread');
    return fn(thread, access.role!, room);
  });
}

/** The message of a thread with this id, and where it is in the conversation. */
function messageOf(thread: Y.Map<unknown>, messageId: string): { list: Y.Array<Y.Map<unknown>>; index: number; message: Y.Map<unknown> } {
  const list = thread.get('messages');
  const index = list instanceof Y.Array ? list.toArray().findIndex((e) => e instanceof Y.Map && e.get('id') === messageId) : -1;
  if (index < 0) throw new AppError('not_found', 'no such comment');
  const messages = list as Y.Array<Y.Map<unknown>>;
  return { list: messages, index, message: messages.get(index) };
}

/** Changes a thread's status or privacy: its author (who needs no edit rights) or an editor and up (C3). */
export async function changeThread(ctx: Concord, actor: Person, sheetId: string, threadId: string, patch: PatchThreadBody) {
  await onThread(ctx, actor, sheetId, threadId, async (thread, role, room) => {
    if (thread.get('createdBy') !== actor.id && !roleAtLeast(role, 'editor')) throw new AppError('forbidden', 'only its author or an editor changes a thread');
    await room.change(() => {
      for (const [key, value] of Object.entries(patch)) thread.set(key, value);
    });
  });
}

/** Removes a thread: its author while it holds only their words, otherwise the facilitator (C2). */
export async function removeThread(ctx: Concord, actor: Person, sheetId: string, threadId: string) {
  await onThread(ctx, actor, sheetId, threadId, async (thread, role, room) => {
    const own = thread.get('createdBy') === actor.id && threadOnlyBy(thread, actor.id);
    if (!own && role !== 'facilitator') throw new AppError('forbidden', 'a thread with others’ words is removed by the facilitator');
    await room.change(() => room.doc.getMap('comments').delete(threadId));
  });
}

/** Rewrites one's own message (C2). */
export async function editComment(ctx: Concord, actor: Person, sheetId: string, threadId: string, messageId: string, input: PatchCommentBody) {
  await onThread(ctx, actor, sheetId, threadId, async (thread, _role, room) => {
    const { message } = messageOf(thread, messageId);
    if (message.get('authorId') !== actor.id) throw new AppError('forbidden', 'only its author changes a comment');
    await room.change(() => {
      message.set('text', input.text);
      message.set('editedAt', new Date().toISOString());
      message.set('mentions', input.mentions ?? []);
    });
  });
}

/** Removes a message: its author or the facilitator (C2). */
export async function removeComment(ctx: Concord, actor: Person, sheetId: string, threadId: string, messageId: string) {
  await onThread(ctx, actor, sheetId, threadId, async (thread, role, room) => {
    const { list, index, message } = messageOf(thread, messageId);
    if (message.get('authorId') !== actor.id && role !== 'facilitator') throw new AppError('forbidden', 'only its author or the facilitator removes a comment');
    await room.change(() => list.delete(index, 1));
  });
}
