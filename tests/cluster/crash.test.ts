import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { describeNodes, Nodes } from '../support/cluster';
import { connectPeer, paragraph, until, type Peer } from '../support/harness';

/** True when `doc` holds nothing `stored` lacks: applying it to a copy of `stored` changes nothing. */
function holdsNothingMore(stored: Y.Doc, doc: Y.Doc): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(stored));
  let changed = false;
  copy.on('update', () => (changed = true));
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return !changed;
}

describeNodes('two nodes: a node killed with kill -9', () => {
  let c: Nodes;
  beforeAll(async () => (c = await Nodes.start()));
  afterAll(() => c?.close());

  test('N4 D1 node A killed mid-typing: everything a peer saw is stored, peers converge on node B, and node A restarted catches up', async () => {
    const alice = await c.seed.user('Alice');
    const bob = await c.seed.user('Bob');
    const carol = await c.seed.user('Carol');
    const sheet = await c.seed.sheet(alice, [[bob, 'editor'], [carol, 'editor']]);
    const [a, b] = c.nodes;
    const typist = await c.peer(a, alice, sheet);
    const besideHer = await c.peer(a, carol, sheet);
    const elsewhere = await c.peer(b, bob, sheet);
    typist.provider.awareness.setLocalStateField('section', 'record');
    await until(() => elsewhere.provider.awareness.getStates().has(typist.doc.clientID), 5000, 'alice’s presence on node B');

    const record = typist.doc.getXmlFragment('record');
    const type = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        record.insert(record.length, [paragraph(`第${i}条`)]);
        await new Promise((r) => setTimeout(r, 3));
      }
    };
    await type(0, 25);
    await until(() => elsewhere.doc.getXmlFragment('record').length >= 10, 5000, 'bob to see some of it');
    const killed = a.kill();
    await type(25, 40);
    await killed;

    // Whatever reached a peer, on the killed node or the other, was stored first.
    const stored = await c.seed.stored(sheet);
    expect(holdsNothingMore(stored, besideHer.doc)).toBe(true);
    expect(holdsNothingMore(stored, elsewhere.doc)).toBe(true);
    // Node B forgets the presence of people who were on node A.
    await until(() => !elsewhere.provider.awareness.getStates().has(typist.doc.clientID), 5000, 'alice’s presence to go from node B');

    // The load balancer sends them to node B; their documents, with what node A never stored, sync there.
    const reconnected: Peer[] = [];
    for (const [peer, user] of [[typist, alice], [besideHer, carol]] as const) {
      peer.provider.destroy();
      reconnected.push(await connectPeer(b.wsBase, sheet, await c.seed.token(user, sheet), peer.doc));
    }
    const all = Array.from({ length: 40 }, (_, i) => `第${i}条`);
    for (const doc of [typist.doc, besideHer.doc, elsewhere.doc]) {
      await until(() => readSheet(doc).record.text === all.join('\n'), 5000, 'every peer to have all 40 paragraphs');
    }
    const restarted = await c.restart(0);
    const late = await c.peer(restarted, carol, sheet);
    expect(readSheet(late.doc).record.text).toBe(all.join('\n'));
    expect(readSheet(await c.seed.stored(sheet)).record.text).toBe(all.join('\n'));
    for (const p of reconnected) p.provider.destroy();
  });
});
