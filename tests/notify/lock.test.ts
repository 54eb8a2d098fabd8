import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { User } from '../../server/store/types';
import { Harness, until, type Peer } from '../support/harness';
import { notificationsOf, taskRow } from './support';

let h: Harness;
let zhang: User;
let li: User;
let wang: User;
let sheet: string;
let peers: Record<string, Peer>;

/** Puts a peer's presence in a part of the sheet, as the editor does on focus, and waits until another peer sees it through the server. */
async function presentIn(user: User, section: string): Promise<void> {
  peers[user.id].provider.awareness.setLocalStateField('section', section);
  const observer = peers[user.id === zhang.id ? li.id : zhang.id];
  const seen = () => Array.from(observer.provider.awareness.getStates().values()).some((s) => (s as { user?: { id?: string } }).user?.id === user.id && s.section === section);
  await until(seen, 5000, `${user.name} in ${section}`);
}

beforeAll(async () => {
  h = await Harness.start();
  zhang = await h.user('张经理', '客户服务部');
  li = await h.user('李工', '研发部');
  wang = await h.user('王五', '市场部');
  sheet = await h.sheet(zhang, [
    [li, 'editor'],
    [wang, 'editor'],
  ]);
  peers = { [zhang.id]: await h.peer(zhang, sheet), [li.id]: await h.peer(li, sheet), [wang.id]: await h.peer(wang, sheet) };
});
afterAll(() => h.close());

test('locking a section notifies the people whose presence was in it, not the locker nor people elsewhere', async () => {
  await presentIn(zhang, 'record');
  await presentIn(li, 'record');
  await presentIn(wang, 'goal');
  await h.ctx.commands.lock(zhang, sheet, 'record', { reason: '会上确认' });
  expect(await notificationsOf(h, li)).toMatchObject([{ kind: 'lock', actorId: zhang.id, payload: { section: 'record', reason: '会上确认' } }]);
  expect(await notificationsOf(h, wang)).toEqual([]);
  expect(await notificationsOf(h, zhang)).toEqual([]);
});

test('locking a task row notifies the people in the tasks table, with the task’s words', async () => {
  peers[zhang.id].doc.getArray('tasks').push([taskRow({ id: 't1', task: '准备测试环境' })]);
  await until(() => peers[wang.id].doc.getArray('tasks').length === 1, 5000, 'the task row');
  await presentIn(wang, 'tasks');
  await h.ctx.commands.lock(zhang, sheet, 'tasks/t1', {});
  expect(await notificationsOf(h, wang)).toMatchObject([{ kind: 'lock', payload: { section: 'tasks/t1', task: '准备测试环境' } }]);
  expect((await notificationsOf(h, li)).map((n) => n.payload.section)).toEqual(['record']);
  expect(peers[wang.id].doc.getArray<Y.Map<unknown>>('tasks').get(0).get('id')).toBe('t1');
});
