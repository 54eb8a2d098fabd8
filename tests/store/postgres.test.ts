import pg from 'pg';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import type { SheetSummary, Store } from '../../server/store/types';
import { createDatabase, emptyDatabase } from '../support/pg-cluster';
import { describeWithPostgres } from '../support/postgres';
import { storeContract } from './contract';

const SUMMARY: SheetSummary = { title: '协调', stage: 'draft', urgency: 'normal', confidentiality: 'internal', dueDate: null, departments: [] };
/** A log entry that says who wrote it and its place in that writer's sequence. */
const label = (writer: number, n: number) => new Uint8Array([writer, n >> 8, n & 255]);
const read = (data: Uint8Array) => ({ writer: data[0], n: (data[1] << 8) | data[2] });

describeWithPostgres('PostgreSQL store', (adminUrl) => {
  let contractUrl: string;
  beforeAll(async () => (contractUrl = await createDatabase(adminUrl)));
  storeContract('PostgreSQL', async () => {
    await emptyDatabase(contractUrl);
    return openPostgresStore(contractUrl);
  });

  test('W3 attempt counters hold across nodes: three nodes guessing one key at once count every guess once, in one window', async () => {
    const url = await createDatabase(adminUrl);
    const nodes = await Promise.all([openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)]);
    const hits = await Promise.all(Array.from({ length: 30 }, (_, i) => nodes[i % 3].attempts.hit('signin:account:li@example.com', 900_000)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Success on one node clears the account for all of them.
    await nodes[1].attempts.clear('signin:account:li@example.com');
    expect((await nodes[2].attempts.hit('signin:account:li@example.com', 900_000)).count).toBe(1);
    await Promise.all(nodes.map((n) => n.close()));
  });

  test('nodes starting at once on an empty database migrate it once, and a reopen keeps everything', async () => {
    const url = await createDatabase(adminUrl);
    const nodes = await Promise.all([openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)]);
    const user = await nodes[0].people.createUser({ email: 'a@example.com', name: 'a', passwordHash: null, isAdmin: false, departmentId: null });
    await nodes[1].sheets.createSheet({ id: 's', createdBy: user.id, summary: SUMMARY, firstUpdate: new Uint8Array([1]) });
    await nodes[2].updates.append('s', [new Uint8Array([2])]);
    await Promise.all(nodes.map((n) => n.close()));

    const again = await openPostgresStore(url);
    expect((await again.updates.load('s')).updates).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
    expect(await again.sheets.roleOf('s', user.id)).toBe('facilitator');
    await again.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const versions = (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    await client.end();
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect(versions.length).toBeGreaterThan(0);
  });

  /** Two nodes: two stores, each with its own connection pool, on one database. */
  describe('two nodes on one database', () => {
    let a: Store;
    let b: Store;
    beforeEach(async () => {
      const url = await createDatabase(adminUrl);
      [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
      const owner = await a.people.createUser({ email: 'o@example.com', name: 'o', passwordHash: null, isAdmin: false, departmentId: null });
      await a.sheets.createSheet({ id: 's', createdBy: owner.id, summary: SUMMARY, firstUpdate: label(0, 0) });
    });
    afterEach(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    /** `count` appends by `writer` through `store`, several in flight at once, each labelled in order. */
    async function writes(store: Store, writer: number, count: number): Promise<number[]> {
      const ids: number[] = [];
      for (let n = 0; n < count; n += 2) ids.push(await store.updates.append('s', [label(writer, n), label(writer, n + 1)]));
      return ids;
    }

    test('concurrent appends lose and reorder nothing, and a reader following the log with since never misses an entry', async () => {
      let done = false;
      const followed: Array<{ id: number; data: Uint8Array }> = [{ id: (await b.updates.load('s')).throughId, data: label(0, 0) }];
      // A third party catching up entry by entry, as a node does: it trusts that nothing appears behind what it has seen.
      const follower = (async () => {
        while (!done) followed.push(...(await b.updates.since('s', followed[followed.length - 1].id)));
      })();
      const [idsA, idsB, idsC] = await Promise.all([writes(a, 1, 200), writes(b, 2, 200), writes(a, 3, 200)]);
      done = true;
      await follower;
      followed.push(...(await b.updates.since('s', followed[followed.length - 1].id)));

      const log = await a.updates.since('s', 0);
      expect(log).toHaveLength(601);
      for (const ids of [idsA, idsB, idsC]) expect(ids).toEqual([...ids].sort((x, y) => x - y));
      for (const writer of [1, 2, 3]) {
        const mine = log.filter((e) => e.data[0] === writer).map((e) => read(e.data).n);
        expect(mine).toEqual(Array.from({ length: 200 }, (_, n) => n));
      }
      expect(followed).toEqual(log);
    });

    test('compaction by one node while both append drops nothing', async () => {
      // The "snapshot" lists the labels it covers, as a real one contains every update it replaced.
      const covered = (snapshot: Uint8Array | null): string[] => (snapshot ? (JSON.parse(new TextDecoder().decode(snapshot)) as string[]) : []);
      const key = (data: Uint8Array) => `${read(data).writer}:${read(data).n}`;
      let done = false;
      const compactor = (async () => {
        let compactions = 0;
        while (!done || compactions < 3) {
          const stored = await a.updates.load('s');
          const snapshot = new TextEncoder().encode(JSON.stringify([...covered(stored.snapshot), ...stored.updates.map(key)]));
          await a.updates.compact('s', snapshot, stored.throughId);
          compactions++;
        }
      })();
      await Promise.all([writes(b, 1, 300), writes(a, 2, 300)]);
      done = true;
      await compactor;

      const stored = await b.updates.load('s');
      const all = [...covered(stored.snapshot), ...stored.updates.map(key)];
      const expected = ['0:0', ...[1, 2].flatMap((w) => Array.from({ length: 300 }, (_, n) => `${w}:${n}`))];
      expect([...all].sort()).toEqual([...expected].sort());
      for (const writer of [1, 2]) expect(all.filter((k) => k.startsWith(`${writer}:`))).toEqual(expected.filter((k) => k.startsWith(`${writer}:`)));
    });

    test('both nodes re-indexing a sheet’s tasks at once: neither fails, and the index is one node’s whole list', async () => {
      const row = (rowId: string, position: number, sheetTitle: string) => ({
        sheetId: 's',
        rowId,
        position,
        task: rowId,
        department: '工程部',
        personId: null,
        person: '',
        deliverable: '',
        deadline: null,
        status: 'pending' as const,
        lastFeedbackAt: null,
        feedbackCount: 0,
        sheetTitle,
        sheetStage: 'executing' as const,
        stageEnteredAt: null,
        sheetUrgency: 'normal' as const,
        trackerId: null,
        initiatorId: null,
      });
      const list = (title: string) => ['r1', 'r2', 'r3', 'r4'].map((id, i) => row(id, i, title));
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).tasks.replaceForSheet('s', list(`v${i}`))));
      const indexed = await a.tasks.ofSheet('s');
      expect(indexed.map((t) => t.rowId)).toEqual(['r1', 'r2', 'r3', 'r4']);
      expect(new Set(indexed.map((t) => t.sheetTitle)).size).toBe(1);
    });

    test('a notification with a key is recorded once, however many nodes try at once', async () => {
      const recipient = (await a.people.findUserByEmail('o@example.com'))!.id;
      const attempt = (store: Store) =>
        store.notifications.add({ recipientId: recipient, kind: 'deadlineMissed', sheetId: 's', actorId: null, actorName: null, payload: {}, key: 'deadline:s:r1:missed', inApp: true });
      const results = await Promise.all([a, b, a, b, a, b].map(attempt));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await b.notifications.list(recipient, { limit: 10 })).toHaveLength(1);
    });

    test('exclusive excludes across nodes: read-then-append never interleaves, even with plain appends around it', async () => {
      // Each step reads the last counter value in the log and appends the next one: any overlap would repeat a value.
      const counter = (data: Uint8Array) => (data[0] === 9 ? read(data).n : null);
      const step = (store: Store) =>
        store.updates.exclusive('s', async (log) => {
          const values = (await log.since(0)).map((e) => counter(e.data)).filter((v) => v !== null);
          const next = values.length ? values[values.length - 1] + 1 : 0;
          await log.append([label(9, next)]);
        });
      const run = async (store: Store, times: number) => {
        for (let i = 0; i < times; i++) await step(store);
      };
      await Promise.all([run(a, 40), run(b, 40), run(a, 40), writes(b, 1, 100)]);
      const values = (await a.updates.since('s', 0)).map((e) => counter(e.data)).filter((v) => v !== null);
      expect(values).toEqual(Array.from({ length: 120 }, (_, n) => n));
    });
  });
});
