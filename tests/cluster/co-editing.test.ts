import { afterAll, beforeAll, expect, test } from 'vitest';
import { readSheet } from '../../lib/sheet/doc';
import { describeNodes, Nodes } from '../support/cluster';
import { paragraph, until } from '../support/harness';

type Presence = { user?: { id?: string; name?: string }; section?: unknown };

describeNodes('two nodes: co-editing', () => {
  let c: Nodes;
  beforeAll(async () => (c = await Nodes.start()));
  afterAll(() => c?.close());

  test('N1 keystrokes typed on node A are seen live on node B and the other way round, and stored once', async () => {
    const alice = await c.seed.user('Alice');
    const bob = await c.seed.user('Bob');
    const sheet = await c.seed.sheet(alice, [[bob, 'editor']]);
    const [a, b] = c.nodes;
    const onA = await c.peer(a, alice, sheet);
    const onB = await c.peer(b, bob, sheet);

    const record = onA.doc.getXmlFragment('record');
    for (let i = 0; i < 20; i++) record.insert(record.length, [paragraph(`甲${i}`)]);
    await until(() => onB.doc.getXmlFragment('record').length === 20, 5000, 'bob on node B to see alice’s 20 paragraphs');
    onB.doc.getMap('meta').set('urgency', 'urgent');
    await until(() => onA.doc.getMap('meta').get('urgency') === 'urgent', 5000, 'alice on node A to see bob’s edit');

    const stored = readSheet(await c.seed.stored(sheet));
    expect(stored.meta.urgency).toBe('urgent');
    expect(stored.record.text.split('\n')).toEqual(Array.from({ length: 20 }, (_, i) => `甲${i}`));
    expect(readSheet(onA.doc)).toEqual(readSheet(onB.doc));
  });

  test('N5 with every message between nodes held back, node B still shows what node A stored (and compacted) as soon as it writes or reads the sheet', async () => {
    const alice = await c.seed.user('Alice4');
    const bob = await c.seed.user('Bob4');
    const sheet = await c.seed.sheet(alice, [[bob, 'editor']]);
    const [a, b] = c.nodes;
    const onA = await c.peer(a, alice, sheet);
    const onB = await c.peer(b, bob, sheet);
    let dropped = 0;
    onB.provider.on('connection-close', () => dropped++);
    await c.redis.pausePublishing();
    try {
      const stored = async () => readSheet(await c.seed.stored(sheet)).record.text;
      // Enough for node A to compact its log too: node B is then behind the snapshot.
      const record = onA.doc.getXmlFragment('record');
      for (let i = 0; i < 25; i++) record.insert(0, [paragraph(`甲${i}`)]);
      await expect.poll(async () => (await c.seed.ctx.store.updates.load(sheet)).snapshot).not.toBeNull();
      record.insert(0, [paragraph('甲在消息中断时写')]);
      await expect.poll(stored).toContain('甲在消息中断时写');
      // A write on node B catches up first, and bob's editor receives what node A stored.
      onB.doc.getXmlFragment('notes').insert(0, [paragraph('乙也写')]);
      await until(() => readSheet(onB.doc).record.text.includes('甲在消息中断时写'), 5000, 'bob to receive alice’s edit from the store');
      // So does a read through node B (the API).
      onA.doc.getXmlFragment('record').insert(0, [paragraph('甲又写')]);
      await expect.poll(stored).toContain('甲又写');
      const read = (await b.command('getSheet', bob, sheet)) as { record: { text: string } };
      expect(read.record.text).toContain('甲又写');
    } finally {
      await c.redis.resumePublishing();
    }
    await until(() => readSheet(onA.doc).notes.text.includes('乙也写'), 5000, 'alice to receive bob’s edit');
    // Node B caught up in place: bob was never disconnected to reload.
    expect(dropped).toBe(0);
  });

  test('N5 Redis killed and restarted: nodes keep storing, then catch up and share live again without anyone writing on node B', async () => {
    const alice = await c.seed.user('Alice5');
    const bob = await c.seed.user('Bob5');
    const sheet = await c.seed.sheet(alice, [[bob, 'editor']]);
    const [a, b] = c.nodes;
    const onA = await c.peer(a, alice, sheet);
    const onB = await c.peer(b, bob, sheet);
    const record = onA.doc.getXmlFragment('record');
    await c.redis.crashAndRestart(async () => {
      record.insert(0, [paragraph('Redis 不在时写的')]);
      await expect.poll(async () => readSheet(await c.seed.stored(sheet)).record.text).toContain('Redis 不在时写的');
    });
    await until(() => readSheet(onB.doc).record.text.includes('Redis 不在时写的'), 10_000, 'node B to catch up once Redis is back');
    record.insert(0, [paragraph('Redis 回来后写的')]);
    await until(() => readSheet(onB.doc).record.text.includes('Redis 回来后写的'), 10_000, 'live fan-out again');
  });

  test('N1 carets and presence of people on node A are seen on node B, stamped with who they are, and go when they leave', async () => {
    const alice = await c.seed.user('Alice2');
    const bob = await c.seed.user('Bob2');
    const sheet = await c.seed.sheet(alice, [[bob, 'editor']]);
    const [a, b] = c.nodes;
    const onA = await c.peer(a, alice, sheet);
    const onB = await c.peer(b, bob, sheet);

    onA.provider.awareness.setLocalStateField('section', 'goal');
    const aliceSeenByBob = () => onB.provider.awareness.getStates().get(onA.doc.clientID) as Presence | undefined;
    await until(() => aliceSeenByBob()?.section === 'goal', 5000, 'alice’s presence on node B');
    expect(aliceSeenByBob()!.user).toMatchObject({ id: alice.id, name: 'Alice2' });

    onB.provider.awareness.setLocalStateField('section', 'result');
    await until(() => (onA.provider.awareness.getStates().get(onB.doc.clientID) as Presence | undefined)?.section === 'result', 5000, 'bob’s presence on node A');

    onA.provider.destroy();
    await until(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), 5000, 'alice’s presence to go from node B');
  });

  test('N1 a node that opens a sheet later is told the presence held by the other node', async () => {
    const alice = await c.seed.user('Alice3');
    const bob = await c.seed.user('Bob3');
    const sheet = await c.seed.sheet(alice, [[bob, 'editor']]);
    const [a, b] = c.nodes;
    const onA = await c.peer(a, alice, sheet);
    onA.provider.awareness.setLocalStateField('section', 'notes');
    await until(() => onA.provider.awareness.getStates().size > 0);
    // Bob opens the sheet on node B, which had not loaded it: it asks node A for presence.
    const onB = await c.peer(b, bob, sheet);
    await until(() => (onB.provider.awareness.getStates().get(onA.doc.clientID) as Presence | undefined)?.section === 'notes', 5000, 'alice’s presence on node B');
  });
});
