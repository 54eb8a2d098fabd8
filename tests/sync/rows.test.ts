import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { SyncClose } from '../../lib/sync/close';
import type { User } from '../../server/store/types';
import { Harness, until, type Peer } from '../support/harness';

let h: Harness;
let alice: User;
let bob: User;
let sheet: string;
let observer: Peer;

/** A progress note as the editor writes it. */
function note(id: string, author: User, text: string, overrides: Record<string, unknown> = {}): Y.Map<unknown> {
  const fields = { id, taskId: 't1', at: new Date().toISOString(), author: author.name, authorId: author.id, text, ...overrides };
  return new Y.Map<unknown>(Object.entries(fields));
}

beforeAll(async () => {
  h = await Harness.start();
  alice = await h.user('王经理');
  bob = await h.user('李工');
  sheet = await h.sheet(alice, [[bob, 'editor']]);
  observer = await h.peer(alice, sheet);
});
afterAll(() => h.close());

test('V3 row fields hold values of their kind; rows are maps', async () => {
  const cases: Array<(doc: Y.Doc) => void> = [
    (doc) => doc.getArray('tasks').push([new Y.Map<unknown>([['id', 't9'], ['status', 'finished-ish']])]),
    (doc) => doc.getArray('tasks').push([new Y.Map<unknown>([['id', 't9'], ['deadline', 'next week']])]),
    (doc) => doc.getArray('tasks').push([new Y.Map<unknown>([['id', 't9'], ['deadline', '2026-04-31']])]),
    (doc) => doc.getArray('recipients').push([new Y.Map<unknown>([['id', 'r9'], ['department', { evil: true }]])]),
    (doc) => doc.getArray('recipients').push(['a plain string row']),
    (doc) => doc.getArray('tasks').push([new Y.Map<unknown>([['id', 't9'], ['task', new Y.Text('nested')]])]),
  ];
  for (const write of cases) {
    const peer = await h.rawPeer(bob, sheet);
    await peer.synced;
    peer.write(write);
    expect(await peer.closed).toBe(SyncClose.invalidValue);
  }
  const stored = readSheet(await h.stored(sheet));
  expect(stored.tasks).toEqual([]);
  expect(stored.recipients).toEqual([]);
});

test('V4 a progress note is written in its author’s own name, and changed or removed by its author only', async () => {
  const honest = await h.rawPeer(bob, sheet);
  await honest.synced;
  honest.write((doc) => doc.getArray('feedback').push([note('f1', bob, '10月18日: 已提交排期')]));
  await until(() => observer.doc.getArray('feedback').length === 1, 5000, 'the note');

  const forgers: Array<(doc: Y.Doc) => void> = [
    (doc) => doc.getArray('feedback').push([note('f2', alice, '冒充王经理')]),
    (doc) => doc.getArray('feedback').push([note('f2', bob, '名字对不上', { author: '王经理' })]),
    (doc) => doc.getArray('feedback').push([new Y.Map<unknown>([['id', 'f2'], ['taskId', 't1'], ['text', '没有作者']])]),
  ];
  for (const write of forgers) {
    const peer = await h.rawPeer(bob, sheet);
    await peer.synced;
    peer.write(write);
    expect(await peer.closed).toBe(SyncClose.forbiddenSection);
  }

  const other = await h.rawPeer(alice, sheet);
  await other.synced;
  other.write((doc) => (doc.getArray<Y.Map<unknown>>('feedback').get(0)).set('text', '被别人改了'));
  expect(await other.closed).toBe(SyncClose.forbiddenSection);
  const remover = await h.rawPeer(alice, sheet);
  await remover.synced;
  remover.write((doc) => doc.getArray('feedback').delete(0, 1));
  expect(await remover.closed).toBe(SyncClose.forbiddenSection);

  const author = await h.rawPeer(bob, sheet);
  await author.synced;
  author.write((doc) => (doc.getArray<Y.Map<unknown>>('feedback').get(0)).set('text', '10月18日: 已提交排期（更正）'));
  await until(() => (observer.doc.getArray<Y.Map<unknown>>('feedback').get(0)).get('text') === '10月18日: 已提交排期（更正）', 5000, 'the author’s correction');
  expect(readSheet(await h.stored(sheet)).feedback).toEqual([expect.objectContaining({ id: 'f1', authorId: bob.id })]);
});
