import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { LIMITS } from '../../lib/limits';
import { readSheet } from '../../lib/sheet/doc';
import { SyncClose } from '../../lib/sync/close';
import { writeAwarenessEntries } from '../../server/sync/identity';
import { awarenessFrame, MessageType } from '../../server/sync/protocol';
import { barrier, Harness, until, type RawPeer } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h.close());

type Presence = { user?: { id?: string }; section?: unknown };

/** Counts the bytes of presence frames a raw peer receives from now on. */
function presenceBytes(peer: RawPeer): () => number {
  let bytes = 0;
  peer.ws.on('message', (data: Buffer) => {
    if (data[0] === MessageType.awareness) bytes += data.byteLength;
  });
  return () => bytes;
}

test('P1 4,800 client ids from one socket: one is kept and relayed, peers receive a few hundred bytes, not megabytes', async () => {
  const owner = await h.user();
  const mallory = await h.user();
  const sheet = await h.sheet(owner, [[mallory, 'editor']]);
  const observer = await h.rawPeer(owner, sheet);
  const received = presenceBytes(observer);
  const hostile = await h.rawPeer(mallory, sheet);

  // 4,800 valid states of 3 KB each (14 MB), in frames under the frame limit.
  const state = JSON.stringify({ user: { name: 'x'.repeat(3000) }, section: 'record' });
  const ids = Array.from({ length: 4800 }, (_, i) => i + 1);
  let sent = 0;
  for (let at = 0; at < ids.length; at += 480) {
    const frame = awarenessFrame(writeAwarenessEntries(ids.slice(at, at + 480).map((clientId) => ({ clientId, clock: 1, state }))));
    sent += frame.byteLength;
    hostile.send(frame);
  }
  // The first id is the connection's; this change of it comes after everything above.
  hostile.present({ section: 'goal' }, ids[0]);
  const seen = () => observer.awareness.getStates().get(ids[0]) as Presence | undefined;
  await until(() => seen()?.section === 'goal', 10_000, 'the hostile’s own presence');

  expect(sent).toBeGreaterThan(14_000_000);
  expect(seen()!.user).toMatchObject({ id: mallory.id });
  expect(ids.slice(1).filter((id) => observer.awareness.getStates().has(id))).toEqual([]);
  expect(Array.from((await h.ctx.sync.room(sheet)).awareness.getStates().keys())).toEqual([ids[0]]);
  expect(received()).toBeLessThan(2 * LIMITS.awarenessStateBytes);

  // Once it has one, the connection introduces no other, in a later frame either.
  hostile.present({ section: 'record' }, 99_999);
  hostile.present({ section: 'result' }, ids[0]);
  await until(() => seen()?.section === 'result', 5000, 'the next change');
  expect(observer.awareness.getStates().has(99_999)).toBe(false);
});

test('P2 a presence state of 8 KB is refused (invalidPresence); the others carry on', async () => {
  const owner = await h.user();
  const mallory = await h.user();
  const sheet = await h.sheet(owner, [[mallory, 'editor']]);
  const observer = await h.rawPeer(owner, sheet);
  const hostile = await h.rawPeer(mallory, sheet);

  hostile.present({ section: 'record', user: { name: 'x'.repeat(8 * 1024) } });
  expect(await hostile.closed).toBe(SyncClose.invalidPresence);
  expect(observer.awareness.getStates().has(hostile.doc.clientID)).toBe(false);
  expect(observer.ws.readyState).toBe(observer.ws.OPEN);
});

test('P3 P4 a presence state with an unknown field, a field of the wrong kind or an unknown section is refused (invalidPresence)', async () => {
  const owner = await h.user();
  const mallory = await h.user();
  const sheet = await h.sheet(owner, [[mallory, 'editor']]);
  for (const state of [{ section: 'nonsense' }, { section: 'constructor' }, { payload: 'x'.repeat(1000) }, { typing: 'yes' }, { cursor: { anchor: 1, head: 2 } }]) {
    const hostile = await h.rawPeer(mallory, sheet);
    hostile.present(state);
    expect(await hostile.closed, JSON.stringify(state)).toBe(SyncClose.invalidPresence);
  }
});

test('P5 the 9th socket of a person on a sheet is answered 429; another person still connects', async () => {
  const owner = await h.user();
  const mallory = await h.user();
  const sheet = await h.sheet(owner, [[mallory, 'editor']]);
  const open = await Promise.all(Array.from({ length: LIMITS.syncSocketsPerPerson }, async () => h.socket(sheet, await h.token(mallory, sheet))));
  expect(open).toHaveLength(8);

  await expect(h.socket(sheet, await h.token(mallory, sheet))).rejects.toThrow('HTTP 429 too-many-sockets');
  await expect(h.rawPeer(owner, sheet)).resolves.toBeDefined();
  // A burst of upgrades at once does not slip through either.
  const burst = await Promise.allSettled(Array.from({ length: 20 }, async () => h.socket(sheet, await h.token(mallory, sheet))));
  expect(burst.filter((r) => r.status === 'fulfilled')).toHaveLength(0);
});

test('R1 a flood of updates is closed with tooFast; what it sent past its allowance is not applied', async () => {
  const owner = await h.user();
  const other = await h.user();
  const mallory = await h.user();
  const sheet = await h.sheet(owner, [[other, 'editor'], [mallory, 'editor']]);
  const writer = await h.peer(owner, sheet);
  const observer = await h.peer(other, sheet);
  const hostile = await h.rawPeer(mallory, sheet);

  const flood = 3 * LIMITS.syncBurst;
  for (let i = 0; i < flood; i++) hostile.write((doc) => doc.getMap('meta').set('title', `第${i}稿`));
  expect(await hostile.closed).toBe(SyncClose.tooFast);

  await barrier(writer, observer);
  expect(readSheet(await h.stored(sheet)).meta.title).not.toBe(`第${flood - 1}稿`);
  expect(observer.provider.wsconnected).toBe(true);
});

test('R2 a flood of presence changes is closed with tooFast', async () => {
  const owner = await h.user();
  const mallory = await h.user();
  const sheet = await h.sheet(owner, [[mallory, 'editor']]);
  const hostile = await h.rawPeer(mallory, sheet);
  for (let i = 0; i < 3 * LIMITS.syncBurst; i++) hostile.present({ section: i % 2 ? 'goal' : 'record' });
  expect(await hostile.closed).toBe(SyncClose.tooFast);
});

test('R1 R2 an honest editor typing fast, among chatty peers, and reconnecting is never closed', async () => {
  const owner = await h.user();
  const typist = await h.user();
  const chatty = await h.user();
  const sheet = await h.sheet(owner, [[typist, 'editor'], [chatty, 'editor']]);
  const observer = await h.peer(owner, sheet);
  const honest = await h.peer(typist, sheet);
  const other = await h.rawPeer(chatty, sheet);
  const closes: number[] = [];
  honest.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));

  // Another peer's presence changes, each of which y-websocket echoes back to the server: not counted as the typist's.
  for (let i = 0; i < LIMITS.syncBurst - 10; i++) other.present({ section: i % 2 ? 'goal' : 'record', typing: true });
  // More keystrokes than a person types in five seconds, all at once, each with its caret, as the editor sends them.
  const keystrokes = LIMITS.syncBurst / 2;
  const paragraph = new Y.XmlElement('paragraph');
  honest.doc.getXmlFragment('record').insert(0, [paragraph]);
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  const awareness = honest.provider.awareness;
  awareness.setLocalStateField('section', 'record');
  for (let i = 0; i < keystrokes; i++) {
    text.insert(i, '字');
    const caret = Y.createRelativePositionFromTypeIndex(text, i + 1);
    awareness.setLocalState({ ...awareness.getLocalState(), cursor: { anchor: caret, head: caret }, typing: true });
  }
  await until(() => readSheet(observer.doc).record.text === '字'.repeat(keystrokes), 10_000, 'the typing');
  await until(() => (observer.provider.awareness.getStates().get(other.doc.clientID) as Presence | undefined)?.section === 'goal', 5000, 'the chatty presence');

  // A reconnect sends the whole state again (sync step 2).
  honest.provider.disconnect();
  text.insert(keystrokes, '完');
  honest.provider.connect();
  await until(() => readSheet(observer.doc).record.text.endsWith('完'), 10_000, 'the edit made offline');
  await barrier(honest, observer);
  expect(closes.filter((code) => code >= 4000)).toEqual([]);
  expect(honest.provider.wsconnected).toBe(true);
});
