import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { LIMITS } from '../../lib/limits';
import { SyncClose } from '../../lib/sync/close';
import { barrier, Harness, paragraph, type Peer } from '../support/harness';
import { updateFrame } from '../../server/sync/protocol';
import type { User } from '../../server/store/types';

let h: Harness;
let hostileUser: User;
let sheet: string;
let writer: Peer;
let observer: Peer;
beforeAll(async () => {
  h = await Harness.start();
  const owner = await h.user();
  hostileUser = await h.user();
  sheet = await h.sheet(owner, [[hostileUser, 'editor']]);
  writer = await h.peer(owner, sheet);
  observer = await h.peer(owner, sheet);
});
afterAll(() => h.close());

const frame = (...parts: Array<(e: encoding.Encoder) => void>) => {
  const e = encoding.createEncoder();
  for (const part of parts) part(e);
  return encoding.toUint8Array(e);
};
const realUpdate = () => {
  const doc = new Y.Doc();
  doc.getXmlFragment('record').insert(0, [paragraph('x')]);
  return Y.encodeStateAsUpdate(doc);
};

const GARBAGE: Record<string, () => Uint8Array | string> = {
  // Seeded, so that the bytes never happen to spell a harmless message (a presence query).
  'random bytes': () => Uint8Array.from({ length: 300 }, (_, i) => (i * 2654435761 + 97) % 251),
  'an empty frame': () => new Uint8Array(0),
  'a truncated update message': () => updateFrame(realUpdate()).slice(0, 8),
  'a sync message whose length runs past the frame': () => frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint(e, 1000), (e) => encoding.writeUint8(e, 1)),
  'an unknown message type': () => frame((e) => encoding.writeVarUint(e, 7), (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 2]))),
  'an unknown sync step': () => frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 9), (e) => encoding.writeVarUint8Array(e, new Uint8Array(0))),
  'an update that is not a Yjs update': () => updateFrame(new Uint8Array([255, 255, 255, 255, 1])),
  'an awareness message with invalid JSON': () =>
    frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, frame((a) => encoding.writeVarUint(a, 1), (a) => encoding.writeVarUint(a, 5), (a) => encoding.writeVarUint(a, 1), (a) => encoding.writeVarString(a, '{not json')))),
  'a text frame': () => 'hello server',
};

for (const [name, make] of Object.entries(GARBAGE)) {
  test(`G9 ${name} closes the sender (malformed); the others carry on`, async () => {
    const hostile = await h.rawPeer(hostileUser, sheet);
    hostile.send(make());
    expect(await hostile.closed).toBe(SyncClose.malformed);
    await barrier(writer, observer);
  });
}

test('G9 a frame over LIMITS.maxFrameBytes is closed by ws (1009) before it is read; the others carry on', async () => {
  const hostile = await h.rawPeer(hostileUser, sheet);
  hostile.send(new Uint8Array(LIMITS.maxFrameBytes + 1));
  expect(await hostile.closed).toBe(SyncClose.tooLarge);
  await barrier(writer, observer);
  // And a well-behaved newcomer still gets the whole sheet.
  const late = await h.peer(hostileUser, sheet);
  expect(late.doc.getMap('meta').get('barrier')).toBe(observer.doc.getMap('meta').get('barrier'));
});
