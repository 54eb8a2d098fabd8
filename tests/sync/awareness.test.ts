import { afterAll, beforeAll, expect, test } from 'vitest';
import { Harness, until } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h.close());

type Presence = { user?: { id?: string; name?: string }; [k: string]: unknown };

test('G6 a peer claiming to be someone else is shown as who the server authenticated', async () => {
  const owner = await h.user('Owner');
  const mallory = await h.user('Mallory');
  const sheet = await h.sheet(owner, [[mallory, 'editor']]);
  const observer = await h.peer(owner, sheet);
  const hostile = await h.rawPeer(mallory, sheet);

  hostile.present({ user: { id: owner.id, name: owner.name, color: '#000000' }, section: 'goal' });
  const seen = () => observer.provider.awareness.getStates().get(hostile.doc.clientID) as Presence | undefined;
  await until(() => seen()?.section === 'goal', 5000, 'the hostile presence');
  expect(seen()!.user).toMatchObject({ id: mallory.id, name: 'Mallory', department: '工程部' });
});

test('G6 a peer using another connection’s client id cannot change or remove that presence', async () => {
  const owner = await h.user('Owner2');
  const bob = await h.user('Bob');
  const mallory = await h.user('Mallory2');
  const sheet = await h.sheet(owner, [[bob, 'editor'], [mallory, 'editor']]);
  const observer = await h.peer(owner, sheet);
  const honest = await h.peer(bob, sheet);
  const hostile = await h.rawPeer(mallory, sheet);
  const states = () => observer.provider.awareness.getStates();

  honest.provider.awareness.setLocalStateField('section', 'background');
  await until(() => (states().get(honest.doc.clientID) as Presence | undefined)?.section === 'background', 5000, 'bob’s presence');

  hostile.present({ section: 'record', user: { name: 'Bob' } }, honest.doc.clientID);
  hostile.present(null, honest.doc.clientID);
  // Presence is forwarded in order: once this arrives, the two before it were dealt with.
  hostile.present({ section: 'goal' });
  await until(() => (states().get(hostile.doc.clientID) as Presence | undefined)?.section === 'goal', 5000, 'mallory’s own presence');

  const bobs = states().get(honest.doc.clientID) as Presence | undefined;
  expect(bobs?.section).toBe('background');
  expect(bobs?.user).toMatchObject({ id: bob.id, name: 'Bob' });
  expect((states().get(hostile.doc.clientID) as Presence).user).toMatchObject({ id: mallory.id, name: 'Mallory2' });
});
