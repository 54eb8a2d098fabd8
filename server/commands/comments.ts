import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { PatchCommentBody, PatchThreadBody, PostCommentBody } from '../../lib/api/schemas';
import { AppError } from '../../lib/errors';
import type { Services } from '../services';
import { writerOn } from './access';
import type { Person } from './history';

const newId = () => randomBytes(9).toString('base64url');

/** A thread of the document, or 404. */
function threadIn(doc: Y.Doc, threadId: string): Y.Map<unknown> {
  const thread = doc.getMap<Y.Map<unknown>>('comments').get(threadId);
  if (!(thread instanceof Y.Map)) throw new AppError('not_found', 'no such thread');
  return thread;
}

/**
 * Opens a comment thread, or replies to one, written by the server in the person's name. A
 * viewer's socket writes nothing, so this is how viewers comment (C5); the guard judges it.
 */
export async function postComment(ctx: Services, actor: Person, sheetId: string, input: PostCommentBody) {
  const writer = await writerOn(ctx, actor, sheetId);
  return ctx.sync.withRoom(sheetId, async (room) => {
    const at = new Date().toISOString();
    const messageId = newId();
    const message = () =>
      new Y.Map<unknown>(Object.entries({ id: messageId, authorId: actor.id, author: actor.name, at, text: input.text, ...(input.mentions?.length ? { mentions: input.mentions } : {}) }));
    if ('threadId' in input) {
      await room.changeAs(writer, (doc) => (threadIn(doc, input.threadId).get('messages') as Y.Array<Y.Map<unknown>>).push([message()]));
      return { threadId: input.threadId, messageId };
    }
    const id = newId();
    await room.changeAs(writer, (doc) => {
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
      thread.set('messages', Y.Array.from([message()]));
      thread.set('positions', new Y.Array());
      thread.set('solutions', new Y.Array());
      doc.getMap('comments').set(id, thread);
    });
    return { threadId: id, messageId };
  });
}

/** Runs `fn` on a thread of a sheet in its live room, as a change in the person's name (C2, C3, C5). */
async function onThread(ctx: Services, actor: Person, sheetId: string, threadId: string, fn: (thread: Y.Map<unknown>, doc: Y.Doc) => void): Promise<void> {
  const writer = await writerOn(ctx, actor, sheetId);
  await ctx.sync.withRoom(sheetId, (room) => room.changeAs(writer, (doc) => fn(threadIn(doc, threadId), doc)));
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
export async function changeThread(ctx: Services, actor: Person, sheetId: string, threadId: string, patch: PatchThreadBody) {
  await onThread(ctx, actor, sheetId, threadId, (thread) => {
    for (const [key, value] of Object.entries(patch)) thread.set(key, value);
  });
}

/** Removes a thread: its author while it holds only their words, otherwise the facilitator (C2). */
export async function removeThread(ctx: Services, actor: Person, sheetId: string, threadId: string) {
  await onThread(ctx, actor, sheetId, threadId, (_thread, doc) => doc.getMap('comments').delete(threadId));
}

/** Rewrites one's own message (C2). */
export async function editComment(ctx: Services, actor: Person, sheetId: string, threadId: string, messageId: string, input: PatchCommentBody) {
  await onThread(ctx, actor, sheetId, threadId, (thread) => {
    const { message } = messageOf(thread, messageId);
    message.set('text', input.text);
    message.set('editedAt', new Date().toISOString());
    message.set('mentions', input.mentions ?? []);
  });
}

/** Removes a message: its author or the facilitator (C2). */
export async function removeComment(ctx: Services, actor: Person, sheetId: string, threadId: string, messageId: string) {
  await onThread(ctx, actor, sheetId, threadId, (thread) => {
    const { list, index } = messageOf(thread, messageId);
    list.delete(index, 1);
  });
}
