import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { commentThread, Harness, paragraph, until } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h.close());

test('two honest clients converge, both ways, on every kind of section', async () => {
  const a = await h.user();
  const b = await h.user();
  const sheet = await h.sheet(a, [[b, 'editor']]);
  const pa = await h.peer(a, sheet);
  const pb = await h.peer(b, sheet);
  expect(pa.doc.getMap('meta').get('title')).toBe('产品上线前测试资源协调');

  pa.doc.getXmlFragment('record').insert(0, [paragraph('hello')]);
  pb.doc.transact(() => {
    const row = new Y.Map<unknown>();
    pb.doc.getArray('tasks').push([row]);
    row.set('id', 't1');
    row.set('task', '准备测试环境');
  });
  pa.doc.getMap('meta').set('urgency', 'urgent');
  pb.doc.getMap('comments').set('c1', commentThread('c1', b, '请确认'));

  const same = () => JSON.stringify(readSheet(pa.doc)) === JSON.stringify(readSheet(pb.doc));
  await until(() => same() && pa.doc.getMap('comments').has('c1') && pb.doc.getMap('meta').get('urgency') === 'urgent', 5000, 'convergence');
  expect(pb.doc.getXmlFragment('record').toString()).toContain('hello');
  expect(pa.doc.getArray<Y.Map<unknown>>('tasks').get(0).get('task')).toBe('准备测试环境');

  // What both see is what the server stored.
  await (await h.ctx.sync.room(sheet)).durable();
  expect(readSheet(await h.stored(sheet))).toEqual(readSheet(pa.doc));
});
