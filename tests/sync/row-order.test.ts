import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { listEdits } from '../../components/sheet/sync/writes';
import { readSheet } from '../../lib/sheet/doc';
import { orderKey } from '../../lib/sheet/order';
import { SyncClose } from '../../lib/sync/close';
import type { User } from '../../server/store/types';
import { Harness, until, type Peer } from '../support/harness';

// Issue 12 §3: a row moves by its order key, never by delete and re-insert, so no concurrent edit is lost.
// Every change is written with the editor's own row edits (`listEdits`), by two real peers through the real server.

const tasksOf = (peer: Peer) => listEdits(peer.doc.getArray<Y.Map<unknown>>('tasks'));
const recipientsOf = (peer: Peer) => listEdits(peer.doc.getArray<Y.Map<unknown>>('recipients'));
const task = (id: string, text: string) => ({ id, task: text, department: '', person: '', deliverable: '', deadline: null, status: 'pending' });
const shown = (peer: Peer) => readSheet(peer.doc).tasks as Array<Record<string, unknown>>;
const idsOf = (peer: Peer) => shown(peer).map((row) => row.id);
const same = (a: Peer, b: Peer) => JSON.stringify(readSheet(a.doc)) === JSON.stringify(readSheet(b.doc));

describe('row order, two peers through the server', () => {
  let h: Harness;
  let alice: User;
  let bob: User;
  beforeAll(async () => {
    h = await Harness.start();
    alice = await h.user();
    bob = await h.user();
  });
  afterAll(() => h.close());

  /** A sheet with three tasks t1, t2, t3 that both peers have, and the two peers. */
  async function threeTasks(): Promise<[Peer, Peer, string]> {
    const sheet = await h.sheet(alice, [[bob, 'editor']]);
    const a = await h.peer(alice, sheet);
    const b = await h.peer(bob, sheet);
    for (const [id, text] of [['t1', '准备测试环境'], ['t2', '确认排期'], ['t3', '联调']]) tasksOf(a).add(task(id, text));
    await until(() => idsOf(b).join() === 't1,t2,t3', 5000, 'bob to have the three tasks');
    return [a, b, sheet];
  }

  /** Runs `changes` on both peers while neither sees the other's, then lets them sync and converge. */
  async function concurrently(a: Peer, b: Peer, changes: () => void, done: () => boolean): Promise<void> {
    a.provider.disconnect();
    b.provider.disconnect();
    changes();
    a.provider.connect();
    b.provider.connect();
    await until(() => same(a, b) && done(), 5000, 'both peers to converge');
  }

  /** What the server stored is what both peers see. */
  async function storedAsShown(sheet: string, peer: Peer): Promise<void> {
    await (await h.ctx.sync.room(sheet)).durable();
    expect(readSheet(await h.stored(sheet))).toEqual(readSheet(peer.doc));
  }

  test('O1 a move writes only the row’s order: the same row, nothing else written or deleted', async () => {
    const [a] = await threeTasks();
    const list = a.doc.getArray<Y.Map<unknown>>('tasks');
    const row = list.toArray().find((r) => r.get('id') === 't3')!;
    const updates: Uint8Array[] = [];
    const record = (u: Uint8Array) => updates.push(u);
    a.doc.on('update', record);
    tasksOf(a).move('t3', 0);
    a.doc.off('update', record);
    expect(idsOf(a)).toEqual(['t3', 't1', 't2']);
    expect(list.toArray().find((r) => r.get('id') === 't3')).toBe(row);
    expect(updates).toHaveLength(1);
    const decoded = Y.decodeUpdate(updates[0]);
    // One new value under `order`; the only thing deleted is the row's previous `order`.
    const at = (id: Y.ID) => Y.getItem(a.doc.store, id) as Y.Item;
    const written = decoded.structs.map((s) => at(s.id));
    const deleted = [...decoded.ds.clients].flatMap(([client, ranges]) => ranges.map((r) => at(Y.createID(client, r.clock))));
    for (const items of [written, deleted]) expect(items.map((item) => [item.parentSub, item.parent === row])).toEqual([['order', true]]);
    expect(orderKey.safeParse(row.get('order')).success).toBe(true);
  });

  test('O1 a move concurrent with an edit of that row keeps both', async () => {
    const [a, b, sheet] = await threeTasks();
    await concurrently(
      a,
      b,
      () => {
        tasksOf(a).move('t3', 0);
        tasksOf(b).set('t3', { task: '联调（含回归）' });
      },
      () => idsOf(b)[0] === 't3' && shown(a)[0].task === '联调（含回归）',
    );
    expect(shown(a).map((r) => [r.id, r.task])).toEqual([
      ['t3', '联调（含回归）'],
      ['t1', '准备测试环境'],
      ['t2', '确认排期'],
    ]);
    await storedAsShown(sheet, a);
  });

  test('O1 two concurrent moves of one row leave one row', async () => {
    const [a, b, sheet] = await threeTasks();
    await concurrently(
      a,
      b,
      () => {
        tasksOf(a).move('t1', 2);
        tasksOf(b).move('t1', 1);
      },
      () => idsOf(a)[0] !== 't1',
    );
    const ids = idsOf(a);
    expect(ids).toHaveLength(3);
    expect(new Set(ids)).toEqual(new Set(['t1', 't2', 't3']));
    // One of the two moves wins, whole.
    expect([['t2', 't3', 't1'].join(), ['t2', 't1', 't3'].join()]).toContain(ids.join());
    expect(a.doc.getArray('tasks').length).toBe(3);
    await storedAsShown(sheet, b);
  });

  test('O1 a move concurrent with a new row keeps both', async () => {
    const [a, b, sheet] = await threeTasks();
    await concurrently(
      a,
      b,
      () => {
        tasksOf(a).move('t3', 0);
        tasksOf(b).add(task('t4', '验收'));
      },
      () => idsOf(a).length === 4 && idsOf(b)[0] === 't3',
    );
    expect(idsOf(a)).toEqual(['t3', 't1', 't2', 't4']);
    await storedAsShown(sheet, a);
  });

  test('O1 two new rows added at once both stay, in the same order for everyone', async () => {
    const [a, b] = await threeTasks();
    await concurrently(
      a,
      b,
      () => {
        tasksOf(a).add(task('ta', '甲'));
        tasksOf(b).add(task('tb', '乙'));
      },
      () => idsOf(a).length === 5,
    );
    expect(idsOf(a).slice(0, 3)).toEqual(['t1', 't2', 't3']);
    expect(new Set(idsOf(a).slice(3))).toEqual(new Set(['ta', 'tb']));
    expect(idsOf(b)).toEqual(idsOf(a));
  });

  test('O1 recipients move the same way: a move and an edit of the moved row both stay', async () => {
    const sheet = await h.sheet(alice, [[bob, 'editor']]);
    const a = await h.peer(alice, sheet);
    const b = await h.peer(bob, sheet);
    recipientsOf(a).add({ id: 'r1', department: '研发部', contact: '李工' });
    recipientsOf(a).add({ id: 'r2', department: '测试部', contact: '王工' });
    await until(() => readSheet(b.doc).recipients.length === 2, 5000, 'bob to have the recipients');
    await concurrently(
      a,
      b,
      () => {
        recipientsOf(a).move('r2', 0);
        recipientsOf(b).set('r2', { contact: '王五' });
      },
      () => (readSheet(b.doc).recipients[0] as { id: string }).id === 'r2' && (readSheet(a.doc).recipients[0] as { contact: string }).contact === '王五',
    );
    expect(readSheet(a.doc).recipients.map((r) => (r as { id: string }).id)).toEqual(['r2', 'r1']);
    await storedAsShown(sheet, a);
  });

  test('O1 two people changing different fields of one task row both win', async () => {
    const [a, b, sheet] = await threeTasks();
    await concurrently(
      a,
      b,
      () => {
        tasksOf(a).set('t2', { task: '确认排期（周五前）', deliverable: '排期表' });
        tasksOf(b).set('t2', { person: bob.name, personId: bob.id, deadline: '2026-12-20', status: 'in_progress' });
      },
      () => shown(a)[1].person === bob.name && shown(b)[1].deliverable === '排期表',
    );
    expect(shown(a)[1]).toMatchObject({ id: 't2', task: '确认排期（周五前）', deliverable: '排期表', person: bob.name, personId: bob.id, deadline: '2026-12-20', status: 'in_progress' });
    await storedAsShown(sheet, b);
  });

  test('O1 a move is a change of the row: a locked row does not move (L3), the rows around it do, a locked table moves nothing (L2)', async () => {
    const [a, b, sheet] = await threeTasks();
    await h.ctx.commands.lock(alice, sheet, 'tasks/t2', { reason: '已确认' });
    const raw = await h.rawPeer(bob, sheet);
    raw.write((doc) => listEdits(doc.getArray<Y.Map<unknown>>('tasks')).move('t2', 0));
    expect(await raw.closed).toBe(SyncClose.locked);
    tasksOf(b).move('t3', 0);
    await until(() => idsOf(a).join() === 't3,t1,t2', 5000, 'alice to see t3 moved past the locked row');
    await h.ctx.commands.lock(alice, sheet, 'tasks', { reason: '计划已定' });
    const again = await h.rawPeer(bob, sheet);
    again.write((doc) => listEdits(doc.getArray<Y.Map<unknown>>('tasks')).move('t1', 2));
    expect(await again.closed).toBe(SyncClose.locked);
    expect(idsOf(a)).toEqual(['t3', 't1', 't2']);
    expect(readSheet(await h.stored(sheet)).tasks.map((r) => (r as { id: string }).id)).toEqual(['t3', 't1', 't2']);
  });

  test('O1 an order that is not a key of the alphabet is refused as invalidValue', async () => {
    const [, , sheet] = await threeTasks();
    for (const order of ['', 'V0', 'a b', 'V'.repeat(1001), 7]) {
      const raw = await h.rawPeer(alice, sheet);
      raw.write((doc) => (doc.getArray<Y.Map<unknown>>('tasks').get(0) as Y.Map<unknown>).set('order', order));
      expect(await raw.closed).toBe(SyncClose.invalidValue);
    }
  });
});

describe('O2 a sheet from before order keys is migrated when it opens', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-row-order-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('O2 rows without order keys get them when the room opens, in the order people saw, identical copies merged, nothing lost, once', async () => {
    // The old way: rows pushed without keys, and a move as delete and re-insert of a copy; stored in SQLite.
    const seed = await Harness.start({ dataDir });
    const alice = await seed.user('alice');
    const bob = await seed.user('bob');
    const sheet = await seed.sheet(alice, [[bob, 'editor']]);
    await seed.ctx.sync.withRoom(sheet, (room) =>
      room.changeAsSystem((doc) => {
        const tasks = doc.getArray<Y.Map<unknown>>('tasks');
        tasks.push([['t2', '确认排期'], ['t1', '准备测试环境'], ['t3', '联调']].map(([id, text]) => new Y.Map<unknown>(Object.entries(task(id, text)))));
        const moved = tasks.get(2).toJSON();
        tasks.delete(2, 1);
        tasks.insert(0, [new Y.Map<unknown>(Object.entries(moved))]);
        // What two concurrent moves of t2 left behind: a second, identical copy.
        tasks.push([new Y.Map<unknown>(Object.entries(tasks.get(1).toJSON()))]);
        doc.getArray('recipients').push([new Y.Map<unknown>(Object.entries({ id: 'r9', department: '研发部', contact: '李工' })), new Y.Map<unknown>(Object.entries({ id: 'r1', department: '测试部', contact: '王工' }))]);
      }),
    );
    const before = await seed.stored(sheet);
    expect(before.getArray<Y.Map<unknown>>('tasks').toArray().every((r) => !r.has('order'))).toBe(true);
    await seed.close({ keepData: true });

    const h = await Harness.start({ dataDir });
    try {
      const a = await h.peer(alice, sheet);
      const rows = a.doc.getArray<Y.Map<unknown>>('tasks').toArray();
      expect(rows.every((r) => orderKey.safeParse(r.get('order')).success)).toBe(true);
      expect(readSheet(a.doc).tasks.map((r) => (r as { id: string }).id)).toEqual(['t3', 't2', 't1']);
      expect(readSheet(a.doc).recipients.map((r) => (r as { id: string }).id)).toEqual(['r9', 'r1']);
      // Nothing lost: every field as it was, plus the key.
      const strip = (rows: unknown[]) => rows.map((r) => Object.fromEntries(Object.entries(r as Record<string, unknown>).filter(([k]) => k !== 'order')));
      expect(readSheet(before).tasks.map((r) => (r as { id: string }).id)).toEqual(['t3', 't2', 't1', 't2']);
      expect(strip(readSheet(a.doc).tasks)).toEqual(readSheet(before).tasks.slice(0, 3));
      expect(strip(readSheet(a.doc).recipients)).toEqual(readSheet(before).recipients);
      // The migration is stored, and the sheet moves by key from now on.
      await (await h.ctx.sync.room(sheet)).durable();
      expect(readSheet(await h.stored(sheet))).toEqual(readSheet(a.doc));
      const b = await h.peer(bob, sheet);
      tasksOf(b).move('t1', 0);
      await until(() => idsOf(a).join() === 't1,t3,t2', 5000, 'alice to see the move');
      expect(a.doc.getArray('tasks').length).toBe(3);
    } finally {
      await h.close({ keepData: true });
    }

    // Opening again writes nothing: the migration is done once.
    const again = await Harness.start({ dataDir });
    try {
      const logBefore = (await again.ctx.store.updates.load(sheet)).updates.length;
      await again.ctx.sync.withRoom(sheet, (room) => room.durable());
      expect((await again.ctx.store.updates.load(sheet)).updates.length).toBe(logBefore);
    } finally {
      await again.close();
    }
  });
});
