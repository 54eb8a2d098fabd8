import { afterAll, beforeAll, expect, test } from 'vitest';
import { Harness, until } from './support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h.close());

test('two clients converge', async () => {
  const a = await h.user();
  const b = await h.user();
  const sheet = await h.sheet(a, [[b, 'editor']]);
  const pa = await h.peer(a, sheet);
  const pb = await h.peer(b, sheet);
  expect(pa.doc.getMap('meta').get('title')).toBe('产品上线前测试资源协调');
  const t = new (await import('yjs')).XmlText('hello');
  pa.doc.getXmlFragment('record').insert(0, [t]);
  await until(() => pb.doc.getXmlFragment('record').toString().includes('hello'));
});
