import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { SyncClose } from '../../lib/sync/close';
import type { User } from '../../server/store/types';
import { barrier, Harness, until, type Peer } from '../support/harness';

let h: Harness;
let facilitator: User;
let editor: User;
let sheet: string;
let writer: Peer;
let observer: Peer;

beforeAll(async () => {
  h = await Harness.start();
  facilitator = await h.user('主持人');
  editor = await h.user('编辑');
  sheet = await h.sheet(facilitator, [[editor, 'editor']]);
  writer = await h.peer(facilitator, sheet);
  observer = await h.peer(facilitator, sheet);
});
afterAll(() => h.close());

const invalid: Array<[string, unknown]> = [
  ['urgency', 'whenever'],
  ['confidentiality', 'open'],
  ['dueDate', '2026-13-45'],
  ['dueDate', '2026-02-31'],
  ['dueDate', 20261201],
  ['title', 42],
  ['title', 'x'.repeat(201)],
  ['initiator', { department: '研发部' }],
  ['tracker', '张三'],
  ['initiator', { department: '研发部', person: '李工', extra: '<script>' }],
];

for (const [key, value] of invalid) {
  test(`V1 meta.${key} = ${JSON.stringify(value).slice(0, 30)} is refused (invalidValue), stored nowhere`, async () => {
    const peer = await h.rawPeer(editor, sheet);
    await peer.synced;
    peer.write((doc) => doc.getMap('meta').set(key, value));
    expect(await peer.closed).toBe(SyncClose.invalidValue);
    await barrier(writer, observer);
    expect(observer.doc.getMap('meta').get(key)).not.toEqual(value);
  });
}

test('V1 a nested shared type in a meta field is refused', async () => {
  const peer = await h.rawPeer(editor, sheet);
  await peer.synced;
  peer.write((doc) => doc.getMap('meta').set('initiator', new Y.Map([['department', '研发部']])));
  expect(await peer.closed).toBe(SyncClose.invalidValue);
});

test('V1 valid values pass, and an overwrite of a key (sent without its key, derived from the old value) is checked too', async () => {
  const peer = await h.rawPeer(editor, sheet);
  await peer.synced;
  peer.write((doc) => {
    doc.getMap('meta').set('urgency', 'urgent');
    doc.getMap('meta').set('dueDate', '2026-12-01');
    doc.getMap('meta').set('title', '');
  });
  await until(() => observer.doc.getMap('meta').get('urgency') === 'urgent', 5000, 'the valid values');
  peer.write((doc) => doc.getMap('meta').set('urgency', 'low'));
  await until(() => observer.doc.getMap('meta').get('urgency') === 'low', 5000, 'the overwrite');
  peer.write((doc) => doc.getMap('meta').set('urgency', 'someday'));
  expect(await peer.closed).toBe(SyncClose.invalidValue);
  expect(readSheet(await h.stored(sheet)).meta.urgency).toBe('low');
});

test('V2 only the facilitator changes the confidentiality level over the socket', async () => {
  const peer = await h.rawPeer(editor, sheet);
  await peer.synced;
  peer.write((doc) => doc.getMap('meta').set('confidentiality', 'public'));
  expect(await peer.closed).toBe(SyncClose.forbiddenSection);
  writer.doc.getMap('meta').set('confidentiality', 'secret');
  await until(() => observer.doc.getMap('meta').get('confidentiality') === 'secret', 5000, 'the facilitator’s change');
});
