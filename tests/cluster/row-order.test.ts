import { afterAll, beforeAll, expect, test } from 'vitest';
import type * as Y from 'yjs';
import { listEdits } from '../../components/sheet/sync/writes';
import { readSheet } from '../../lib/sheet/doc';
import { describeNodes, Nodes } from '../support/cluster';
import { until, type Peer } from '../support/harness';

const tasksOf = (peer: Peer) => listEdits(peer.doc.getArray<Y.Map<unknown>>('tasks'));
const task = (id: string, text: string) => ({ id, task: text, department: '', person: '', deliverable: '', deadline: null, status: 'pending' });
const shown = (peer: Peer) => (readSheet(peer.doc).tasks as Array<Record<string, unknown>>).map((r) => [r.id, r.task]);

describeNodes('two nodes: row order', () => {
  let c: Nodes;
  beforeAll(async () => (c = await Nodes.start()));
  afterAll(() => c?.close());

  test('O1 across two nodes: a move on node A, and an edit of the moved row, a move of it and a new row on node B, all kept, one row each', async () => {
    const alice = await c.seed.user('AliceO');
    const bob = await c.seed.user('BobO');
    const sheet = await c.seed.sheet(alice, [[bob, 'editor']]);
    const [a, b] = c.nodes;
    const onA = await c.peer(a, alice, sheet);
    const onB = await c.peer(b, bob, sheet);
    for (const [id, text] of [['t1', '准备测试环境'], ['t2', '确认排期'], ['t3', '联调']]) tasksOf(onA).add(task(id, text));
    await until(() => shown(onB).length === 3, 5000, 'bob on node B to have the three tasks');

    // Neither sees the other's changes until both reconnect: they are concurrent.
    onA.provider.disconnect();
    onB.provider.disconnect();
    tasksOf(onA).move('t3', 0);
    tasksOf(onB).set('t3', { task: '联调（含回归）' });
    tasksOf(onB).move('t1', 2);
    tasksOf(onB).add(task('t4', '验收'));
    onA.provider.connect();
    onB.provider.connect();

    const converged = () => JSON.stringify(readSheet(onA.doc)) === JSON.stringify(readSheet(onB.doc)) && shown(onA).length === 4 && shown(onA)[0][1] === '联调（含回归）';
    await until(converged, 10_000, 'both nodes’ peers to converge');
    expect(shown(onA)).toEqual([
      ['t3', '联调（含回归）'],
      ['t2', '确认排期'],
      ['t1', '准备测试环境'],
      ['t4', '验收'],
    ]);
    expect(onA.doc.getArray('tasks').length).toBe(4);
    await expect.poll(async () => JSON.stringify(readSheet(await c.seed.stored(sheet)).tasks)).toBe(JSON.stringify(readSheet(onA.doc).tasks));
  });
});
