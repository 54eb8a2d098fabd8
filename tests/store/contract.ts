import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../lib/notify/kinds';
import { CompactedLogError } from '../../server/store/errors';
import type { NewNotification, SheetSummary, Store, TaskIndexEntry } from '../../server/store/types';

const SUMMARY: SheetSummary = { title: '协调', stage: 'draft', urgency: 'normal', confidentiality: 'internal', dueDate: null, departments: ['工程部'] };
const bytes = (...values: number[]) => new Uint8Array(values);

/** A task row for the index, with defaults for what a case does not care about. */
const task = (sheetId: string, rowId: string, change: Partial<TaskIndexEntry> = {}): TaskIndexEntry => ({
  sheetId,
  rowId,
  position: 0,
  task: `任务 ${rowId}`,
  department: '工程部',
  personId: null,
  person: '',
  deliverable: '',
  deadline: null,
  status: 'pending',
  lastFeedbackAt: null,
  feedbackCount: 0,
  sheetTitle: '协调',
  sheetStage: 'executing',
  stageEnteredAt: null,
  sheetUrgency: 'normal',
  trackerId: null,
  initiatorId: null,
  ...change,
});

/**
 * The storage contract: what every Store adapter promises, run against a fresh store from
 * `open` for each test. SQLite runs it in `sqlite.test.ts`, PostgreSQL in `postgres.test.ts`.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => (store = await open()));
    afterEach(() => store.close());

    const person = (email: string, departmentId: string | null = null, isAdmin = false) =>
      store.people.createUser({ email, name: email.split('@')[0], passwordHash: `hash-of-${email}`, isAdmin, departmentId });
    const sheetOf = async (id: string, createdBy: string, firstUpdate = bytes(1)) => store.sheets.createSheet({ id, createdBy, summary: SUMMARY, firstUpdate });

    test('every time is ISO 8601 in UTC with milliseconds, as Date#toISOString writes it', async () => {
      const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
      const owner = await person('t@example.com');
      const sheet = await sheetOf('t1', owner.id);
      await store.people.createAccessToken({ userId: owner.id, name: 'ci', tokenHash: 'ht' });
      const event = await store.history.record({ sheetId: 't1', actorId: owner.id, actorName: 't', kind: 'lock', detail: {} });
      const version = await store.history.saveVersion({ sheetId: 't1', actorId: owner.id, actorName: 't', name: 'v', kind: 'manual', state: bytes(1) });
      const link = await store.shareLinks.create({ sheetId: 't1', tokenHash: 'hl', createdBy: owner.id, expiresAt: null, passwordHash: null });
      await store.shareLinks.revoke(link.id);
      const times = [
        owner.createdAt,
        sheet.createdAt,
        sheet.updatedAt,
        (await store.people.listAccessTokens(owner.id))[0].createdAt,
        event.at,
        version.at,
        link.createdAt,
        (await store.shareLinks.findByTokenHash('hl'))!.revokedAt,
      ];
      for (const t of times) expect(t).toMatch(iso);
      for (const t of times) expect(Math.abs(Date.parse(t!) - Date.now())).toBeLessThan(60_000);
    });

    describe('sessions and attempts', () => {
      test('a new person holds session version 0; ending sessions and a new password raise it', async () => {
        const user = await person('sv@example.com');
        expect(user.sessionVersion).toBe(0);
        expect(await store.people.endSessions(user.id)).toBe(1);
        expect((await store.people.findUserById(user.id))!.sessionVersion).toBe(1);
        await store.people.setPasswordHash(user.id, 'new-hash');
        expect(await store.people.passwordHashOf(user.id)).toBe('new-hash');
        expect((await store.people.findUserByEmail('sv@example.com'))!.sessionVersion).toBe(2);
        expect(await store.people.endSessions('missing')).toBeNull();
      });

      test('attempts count in a window per key, are forgiven one by one and cleared, and start again when the window ends', async () => {
        const counts = [];
        for (let i = 0; i < 3; i++) counts.push((await store.attempts.hit('signin:a', 60_000)).count);
        expect(counts).toEqual([1, 2, 3]);
        const { retryAfterMs } = await store.attempts.hit('signin:a', 60_000);
        expect(retryAfterMs).toBeGreaterThan(50_000);
        expect(retryAfterMs).toBeLessThanOrEqual(60_000);
        expect((await store.attempts.hit('signin:b', 60_000)).count).toBe(1);
        await store.attempts.forgive('signin:a');
        expect((await store.attempts.hit('signin:a', 60_000)).count).toBe(4);
        await store.attempts.clear('signin:a');
        expect((await store.attempts.hit('signin:a', 60_000)).count).toBe(1);
        await store.attempts.forgive('signin:a');
        await store.attempts.forgive('signin:a');
        expect((await store.attempts.hit('signin:a', 60_000)).count).toBe(1);
        // A window of 30 ms: ended by the next hit, which starts a new one.
        await store.attempts.hit('short', 30);
        expect((await store.attempts.hit('short', 30)).count).toBe(2);
        await new Promise((resolve) => setTimeout(resolve, 60));
        expect((await store.attempts.hit('short', 30)).count).toBe(1);
      });

      test('concurrent attempts are each counted once', async () => {
        const counts = await Promise.all(Array.from({ length: 20 }, () => store.attempts.hit('raced', 60_000)));
        expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });
    });

    describe('people and departments', () => {
      test('a person is found by id and by email, with their department’s name', async () => {
        const dept = await store.people.createDepartment('工程部');
        const user = await person('zhang@example.com', dept.id, true);
        expect(user).toMatchObject({ email: 'zhang@example.com', name: 'zhang', departmentId: dept.id, departmentName: '工程部', isAdmin: true });
        expect(await store.people.findUserById(user.id)).toEqual(user);
        expect(await store.people.findUserByEmail('zhang@example.com')).toEqual(user);
        expect(await store.people.findUserById('missing')).toBeNull();
        expect(await store.people.findUserByEmail('missing@example.com')).toBeNull();
      });

      test('a person without a department', async () => {
        const user = await person('li@example.com');
        expect(user).toMatchObject({ departmentId: null, departmentName: null, isAdmin: false });
      });

      test('emails are unique', async () => {
        await person('dup@example.com');
        await expect(person('dup@example.com')).rejects.toThrow();
      });

      test('counting and listing people (by name)', async () => {
        expect(await store.people.countUsers()).toBe(0);
        await person('wang@example.com');
        await person('an@example.com');
        expect(await store.people.countUsers()).toBe(2);
        expect((await store.people.listUsers()).map((u) => u.name)).toEqual(['an', 'wang']);
      });

      test('the password hash is kept apart and read only on request', async () => {
        const user = await person('pw@example.com');
        expect(user).not.toHaveProperty('passwordHash');
        expect(await store.people.passwordHashOf(user.id)).toBe('hash-of-pw@example.com');
        expect(await store.people.passwordHashOf('missing')).toBeNull();
      });

      test('departments: unique names, found by name, listed by name', async () => {
        const b = await store.people.createDepartment('测试部');
        const a = await store.people.createDepartment('产品部');
        await expect(store.people.createDepartment('测试部')).rejects.toThrow();
        expect(await store.people.findDepartmentByName('测试部')).toEqual(b);
        expect(await store.people.findDepartmentByName('无')).toBeNull();
        expect((await store.people.listDepartments()).map((d) => d.name)).toEqual([a.name, b.name].sort());
      });
    });

    describe('access tokens', () => {
      test('a token’s hash finds its owner; an unknown hash finds nobody', async () => {
        const user = await person('bot@example.com');
        const { id } = await store.people.createAccessToken({ userId: user.id, name: 'ci', tokenHash: 'h1' });
        expect(id).toBeTruthy();
        expect(await store.people.findUserByAccessToken('h1')).toEqual(user);
        expect(await store.people.findUserByAccessToken('h2')).toBeNull();
      });

      test('token hashes are unique', async () => {
        const user = await person('bot2@example.com');
        await store.people.createAccessToken({ userId: user.id, name: 'a', tokenHash: 'same' });
        await expect(store.people.createAccessToken({ userId: user.id, name: 'b', tokenHash: 'same' })).rejects.toThrow();
      });
    });

    describe('sheets and members', () => {
      test('creating a sheet makes its creator facilitator and logs its first update', async () => {
        const owner = await person('owner@example.com');
        const sheet = await sheetOf('s1', owner.id, bytes(7, 7));
        expect(sheet).toMatchObject({ id: 's1', createdBy: owner.id, ...SUMMARY });
        expect(await store.sheets.getSheet('s1')).toEqual(sheet);
        expect(await store.sheets.roleOf('s1', owner.id)).toBe('facilitator');
        expect((await store.updates.load('s1')).updates).toEqual([bytes(7, 7)]);
        expect(await store.sheets.getSheet('missing')).toBeNull();
      });

      test('the summary is updated in place', async () => {
        const owner = await person('o@example.com');
        await sheetOf('s1', owner.id);
        await store.sheets.updateSummary('s1', { ...SUMMARY, title: '新标题', stage: 'discussion', departments: [] });
        expect(await store.sheets.getSheet('s1')).toMatchObject({ title: '新标题', stage: 'discussion', departments: [] });
      });

      test('members: added, role changed, listed in the order added, removed', async () => {
        const owner = await person('o@example.com');
        const other = await person('m@example.com');
        await sheetOf('s1', owner.id);
        expect(await store.sheets.roleOf('s1', other.id)).toBeNull();
        await store.sheets.setMember('s1', other.id, 'viewer');
        await store.sheets.setMember('s1', other.id, 'editor');
        expect(await store.sheets.roleOf('s1', other.id)).toBe('editor');
        expect((await store.sheets.listMembers('s1')).map((m) => [m.email, m.role])).toEqual([
          ['o@example.com', 'facilitator'],
          ['m@example.com', 'editor'],
        ]);
        expect(await store.sheets.removeMember('s1', other.id)).toBe(true);
        expect(await store.sheets.removeMember('s1', other.id)).toBe(false);
        expect(await store.sheets.roleOf('s1', other.id)).toBeNull();
      });

      test('a person’s sheets come with their role, and only theirs', async () => {
        const owner = await person('o@example.com');
        const other = await person('m@example.com');
        await sheetOf('s1', owner.id);
        await sheetOf('s2', other.id);
        await store.sheets.setMember('s2', owner.id, 'commenter');
        const mine = await store.sheets.listSheetsOf(owner.id);
        expect(mine.map((s) => [s.id, s.role]).sort()).toEqual([
          ['s1', 'facilitator'],
          ['s2', 'commenter'],
        ]);
        expect((await store.sheets.listSheetsOf(other.id)).map((s) => s.id)).toEqual(['s2']);
      });
    });

    describe('update log', () => {
      let owner: string;
      beforeEach(async () => {
        owner = (await person('log@example.com')).id;
        await sheetOf('s1', owner, bytes(0));
      });

      test('append keeps order, returns increasing ids, and load returns everything after the snapshot', async () => {
        const first = await store.updates.append('s1', [bytes(1), bytes(2)]);
        const second = await store.updates.append('s1', [bytes(3)]);
        expect(second).toBeGreaterThan(first);
        const loaded = await store.updates.load('s1');
        expect(loaded).toEqual({ snapshot: null, updates: [bytes(0), bytes(1), bytes(2), bytes(3)], throughId: second });
        expect(await store.updates.pendingCount('s1')).toBe(4);
      });

      test('each sheet has its own log', async () => {
        await sheetOf('s2', owner, bytes(9));
        await store.updates.append('s1', [bytes(1)]);
        expect((await store.updates.load('s2')).updates).toEqual([bytes(9)]);
        expect((await store.updates.load('unknown')).updates).toEqual([]);
      });

      test('compact replaces the log up to throughId by the snapshot', async () => {
        const through = await store.updates.append('s1', [bytes(1), bytes(2)]);
        await store.updates.compact('s1', bytes(42), through);
        expect(await store.updates.load('s1')).toEqual({ snapshot: bytes(42), updates: [], throughId: through });
        expect(await store.updates.pendingCount('s1')).toBe(0);
      });

      test('D2 compact never drops an update appended after throughId', async () => {
        const through = (await store.updates.load('s1')).throughId;
        const later = await store.updates.append('s1', [bytes(5), bytes(6)]);
        await store.updates.compact('s1', bytes(42), through);
        const loaded = await store.updates.load('s1');
        expect(loaded).toEqual({ snapshot: bytes(42), updates: [bytes(5), bytes(6)], throughId: later });
        expect(await store.updates.pendingCount('s1')).toBe(2);
        const last = await store.updates.append('s1', [bytes(7)]);
        expect((await store.updates.load('s1')).updates).toEqual([bytes(5), bytes(6), bytes(7)]);
        expect((await store.updates.load('s1')).throughId).toBe(last);
      });

      test('a stale compaction (older throughId) neither replaces a newer snapshot nor loses updates', async () => {
        const early = await store.updates.append('s1', [bytes(1)]);
        const late = await store.updates.append('s1', [bytes(2)]);
        await store.updates.compact('s1', bytes(2, 2), late);
        await store.updates.compact('s1', bytes(1, 1), early);
        expect(await store.updates.load('s1')).toEqual({ snapshot: bytes(2, 2), updates: [], throughId: late });
      });

      test('since: the entries after an id, in order, with ids that agree with load', async () => {
        const first = (await store.updates.load('s1')).throughId;
        const a = await store.updates.append('s1', [bytes(1), bytes(2)]);
        await sheetOf('s2', owner, bytes(9));
        const b = await store.updates.append('s1', [bytes(3)]);
        const all = await store.updates.since('s1', 0);
        expect(all.map((e) => e.data)).toEqual([bytes(0), bytes(1), bytes(2), bytes(3)]);
        expect(all[0].id).toBe(first);
        expect(all[2].id).toBe(a);
        expect(all[3].id).toBe(b);
        expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((x, y) => x - y));
        expect(await store.updates.since('s1', a)).toEqual([{ id: b, data: bytes(3) }]);
        expect(await store.updates.since('s1', b)).toEqual([]);
        expect((await store.updates.load('s1')).throughId).toBe(b);
        expect(await store.updates.since('unknown', 0)).toEqual([]);
      });

      test('since refuses to skip entries folded into the snapshot, and continues after it', async () => {
        const early = await store.updates.append('s1', [bytes(1)]);
        const through = await store.updates.append('s1', [bytes(2)]);
        await store.updates.compact('s1', bytes(42), through);
        const later = await store.updates.append('s1', [bytes(3)]);
        const behind = await store.updates.since('s1', early).then(
          () => null,
          (err: unknown) => err,
        );
        expect(behind).toBeInstanceOf(CompactedLogError);
        expect(behind).toMatchObject({ sheetId: 's1', afterId: early, throughId: through });
        expect(await store.updates.since('s1', through)).toEqual([{ id: later, data: bytes(3) }]);
      });

      test('exclusive: since inside sees everything appended before; appends inside are durable at once and ordered before any append that waited', async () => {
        const before = await store.updates.append('s1', [bytes(1)]);
        let waited: Promise<number> | null = null;
        let waitedDone = false;
        const result = await store.updates.exclusive('s1', async (log) => {
          expect((await log.since(0)).map((e) => e.data)).toEqual([bytes(0), bytes(1)]);
          waited = store.updates.append('s1', [bytes(9)]);
          void waited.then(() => (waitedDone = true));
          const inside = await log.append([bytes(2), bytes(3)]);
          expect(inside).toBeGreaterThan(before);
          const appended = await log.since(before);
          expect(appended.map((e) => e.data)).toEqual([bytes(2), bytes(3)]);
          expect(appended[0].id).toBeLessThan(inside);
          expect(appended[1].id).toBe(inside);
          // Committed already: another reader sees it while the lock is still held.
          expect((await store.updates.load('s1')).updates).toEqual([bytes(0), bytes(1), bytes(2), bytes(3)]);
          expect(waitedDone).toBe(false);
          return inside;
        });
        const after = await waited!;
        expect(after).toBeGreaterThan(result);
        expect((await store.updates.load('s1')).updates).toEqual([bytes(0), bytes(1), bytes(2), bytes(3), bytes(9)]);
      });

      test('exclusive: one at a time per sheet, other sheets unaffected; a failure releases the lock and keeps what was appended', async () => {
        await sheetOf('s2', owner, bytes(9));
        const order: string[] = [];
        let releaseFirst!: () => void;
        const gate = new Promise<void>((resolve) => (releaseFirst = resolve));
        const first = store.updates.exclusive('s1', async (log) => {
          order.push('first in');
          await log.append([bytes(1)]);
          await gate;
          order.push('first out');
        });
        while (!order.includes('first in')) await new Promise((r) => setTimeout(r, 5));
        const second = store.updates.exclusive('s1', async () => void order.push('second in'));
        // Another sheet's lock is free while s1's is held.
        await store.updates.exclusive('s2', async (log) => void (await log.append([bytes(10)])));
        expect(order).toEqual(['first in']);
        releaseFirst();
        await Promise.all([first, second]);
        expect(order).toEqual(['first in', 'first out', 'second in']);

        await expect(
          store.updates.exclusive('s1', async (log) => {
            await log.append([bytes(2)]);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        await store.updates.append('s1', [bytes(3)]);
        expect((await store.updates.load('s1')).updates).toEqual([bytes(0), bytes(1), bytes(2), bytes(3)]);
        expect((await store.updates.load('s2')).updates).toEqual([bytes(9), bytes(10)]);
      });

      test('updates of every size round-trip byte for byte', async () => {
        const big = Uint8Array.from({ length: 300_000 }, (_, i) => i % 256);
        await store.updates.append('s1', [big, new Uint8Array(0)]);
        const { updates } = await store.updates.load('s1');
        expect(updates[1]).toEqual(big);
        expect(updates[2]).toEqual(new Uint8Array(0));
      });
    });

    describe('directory and tokens', () => {
      test('personal access tokens are listed without their secret and revoked one by one, by their owner only', async () => {
        const a = await person('a@example.com');
        const b = await person('b@example.com');
        const t1 = await store.people.createAccessToken({ userId: a.id, name: 'ci', tokenHash: 'h1' });
        await store.people.createAccessToken({ userId: a.id, name: 'laptop', tokenHash: 'h2' });
        const listed = await store.people.listAccessTokens(a.id);
        expect(listed.map((t) => t.name).sort()).toEqual(['ci', 'laptop']);
        expect(JSON.stringify(listed)).not.toContain('h1');
        expect(await store.people.revokeAccessToken(b.id, t1.id)).toBe(false);
        expect(await store.people.revokeAccessToken(a.id, t1.id)).toBe(true);
        expect(await store.people.findUserByAccessToken('h1')).toBeNull();
        expect((await store.people.findUserByAccessToken('h2'))?.id).toBe(a.id);
      });

      test('a person’s name, department and administrator flag change; departments list their people', async () => {
        const sales = await store.people.createDepartment('销售部');
        const user = await person('c@example.com');
        expect(await store.people.updateUser(user.id, { name: '陈', departmentId: sales.id, isAdmin: true })).toMatchObject({ name: '陈', departmentName: '销售部', isAdmin: true });
        expect(await store.people.updateUser(user.id, { isAdmin: false })).toMatchObject({ name: '陈', departmentName: '销售部', isAdmin: false });
        expect((await store.people.listUsersInDepartment(sales.id)).map((u) => u.id)).toEqual([user.id]);
        expect(await store.people.updateUser(user.id, { departmentId: null })).toMatchObject({ departmentId: null });
        expect(await store.people.listUsersInDepartment(sales.id)).toEqual([]);
        expect(await store.people.updateUser('missing', { name: 'x' })).toBeNull();
      });

      test('a department’s head: named, moved, cleared; a person heads one department at most and knows which', async () => {
        const sales = await store.people.createDepartment('销售部');
        const ops = await store.people.createDepartment('运营部');
        expect(sales).toMatchObject({ headId: null, headName: null });
        const wang = await person('wang@example.com', sales.id);
        expect(wang.headOf).toBeNull();
        expect(await store.people.setDepartmentHead(sales.id, wang.id)).toEqual({ id: sales.id, name: '销售部', headId: wang.id, headName: 'wang' });
        expect(await store.people.findUserById(wang.id)).toMatchObject({ headOf: '销售部' });
        expect(await store.people.findDepartmentByName('销售部')).toMatchObject({ headId: wang.id, headName: 'wang' });
        // Naming them head of another department ends the first headship.
        expect(await store.people.setDepartmentHead(ops.id, wang.id)).toMatchObject({ headId: wang.id });
        expect(await store.people.listDepartments()).toEqual([
          { id: sales.id, name: '销售部', headId: null, headName: null },
          { id: ops.id, name: '运营部', headId: wang.id, headName: 'wang' },
        ].sort((a, b) => (a.name < b.name ? -1 : 1)));
        expect(await store.people.findUserByEmail('wang@example.com')).toMatchObject({ headOf: '运营部' });
        // A new head replaces the old one.
        const zhao = await person('zhao@example.com');
        await store.people.setDepartmentHead(ops.id, zhao.id);
        expect(await store.people.findUserById(wang.id)).toMatchObject({ headOf: null });
        expect((await store.people.listUsers()).find((u) => u.id === zhao.id)).toMatchObject({ headOf: '运营部' });
        expect(await store.people.setDepartmentHead(ops.id, null)).toMatchObject({ headId: null, headName: null });
        expect(await store.people.findUserById(zhao.id)).toMatchObject({ headOf: null });
        expect(await store.people.setDepartmentHead('missing', zhao.id)).toBeNull();
      });
    });

    describe('share links', () => {
      test('a link is found by its token hash, listed per sheet, revoked one by one or all at once', async () => {
        const owner = await person('owner@example.com');
        await sheetOf('s1', owner.id);
        const a = await store.shareLinks.create({ sheetId: 's1', tokenHash: 'ha', createdBy: owner.id, expiresAt: '2030-01-01T00:00:00.000Z', passwordHash: null });
        const b = await store.shareLinks.create({ sheetId: 's1', tokenHash: 'hb', createdBy: owner.id, expiresAt: null, passwordHash: 'scrypt$x' });
        expect(await store.shareLinks.findByTokenHash('ha')).toEqual(a);
        expect(a).toMatchObject({ sheetId: 's1', revokedAt: null, expiresAt: '2030-01-01T00:00:00.000Z', passwordHash: null });
        expect(await store.shareLinks.findByTokenHash('nope')).toBeNull();
        expect((await store.shareLinks.listForSheet('s1')).map((l) => l.id).sort()).toEqual([a.id, b.id].sort());
        await store.shareLinks.revoke(a.id);
        expect((await store.shareLinks.findByTokenHash('ha'))?.revokedAt).toBeTruthy();
        expect(await store.shareLinks.revokeAllForSheet('s1')).toBe(1);
        expect((await store.shareLinks.findByTokenHash('hb'))?.revokedAt).toBeTruthy();
        expect(await store.shareLinks.revokeAllForSheet('s1')).toBe(0);
      });
    });

    describe('task index', () => {
      test('a sheet’s tasks are replaced as a whole and read back in table order, every field kept', async () => {
        const owner = await person('o@example.com');
        await sheetOf('s1', owner.id);
        const full = task('s1', 'a', {
          position: 1,
          task: '提交测试用例',
          department: '测试部',
          personId: owner.id,
          person: 'o',
          deliverable: '用例清单',
          deadline: '2026-10-18',
          status: 'in_progress',
          lastFeedbackAt: '2026-10-10T02:00:00.000Z',
          feedbackCount: 2,
          sheetTitle: '上线协调',
          sheetUrgency: 'urgent',
          trackerId: 'tracker-1',
          initiatorId: 'initiator-1',
        });
        await store.tasks.replaceForSheet('s1', [task('s1', 'b', { position: 0 }), full]);
        expect(await store.tasks.ofSheet('s1')).toEqual([
          { ...task('s1', 'b', { position: 0 }), doneAt: null, assignedAt: null },
          { ...full, doneAt: null, assignedAt: expect.any(String) },
        ]);
        await store.tasks.replaceForSheet('s1', [task('s1', 'c')]);
        expect((await store.tasks.ofSheet('s1')).map((t) => t.rowId)).toEqual(['c']);
        await store.tasks.replaceForSheet('s1', []);
        expect(await store.tasks.ofSheet('s1')).toEqual([]);
      });

      test('doneAt is set when a task is first seen done, kept while it stays done, cleared when reopened', async () => {
        const owner = await person('o@example.com');
        await sheetOf('s1', owner.id);
        await store.tasks.replaceForSheet('s1', [task('s1', 'a')]);
        expect((await store.tasks.ofSheet('s1'))[0].doneAt).toBeNull();
        await store.tasks.replaceForSheet('s1', [task('s1', 'a', { status: 'done' })]);
        const doneAt = (await store.tasks.ofSheet('s1'))[0].doneAt;
        expect(Date.parse(doneAt!)).not.toBeNaN();
        await new Promise((r) => setTimeout(r, 5));
        await store.tasks.replaceForSheet('s1', [task('s1', 'a', { status: 'done', task: '改了措辞' })]);
        expect((await store.tasks.ofSheet('s1'))[0].doneAt).toBe(doneAt);
        await store.tasks.replaceForSheet('s1', [task('s1', 'a', { status: 'in_progress' })]);
        expect((await store.tasks.ofSheet('s1'))[0].doneAt).toBeNull();
      });

      test('§4 assignedAt is set when a task first has its person, kept while it stays theirs, renewed for another, cleared without one; stageEnteredAt is kept as given', async () => {
        const owner = await person('o@example.com');
        await sheetOf('s1', owner.id);
        const at = async () => (await store.tasks.ofSheet('s1'))[0].assignedAt;
        await store.tasks.replaceForSheet('s1', [task('s1', 'a')]);
        expect(await at()).toBeNull();
        await store.tasks.replaceForSheet('s1', [task('s1', 'a', { personId: owner.id, person: 'o', stageEnteredAt: '2026-11-20T01:00:00.000Z' })]);
        const first = await at();
        expect(Date.parse(first!)).not.toBeNaN();
        expect((await store.tasks.ofSheet('s1'))[0].stageEnteredAt).toBe('2026-11-20T01:00:00.000Z');
        await new Promise((r) => setTimeout(r, 5));
        // Other fields change, the person stays: still assigned when first seen.
        await store.tasks.replaceForSheet('s1', [task('s1', 'a', { personId: owner.id, person: 'o', status: 'in_progress', task: '改了措辞' })]);
        expect(await at()).toBe(first);
        // A name typed, not from the directory, counts as a person too; another one is a new assignment.
        await store.tasks.replaceForSheet('s1', [task('s1', 'a', { person: '外部顾问' })]);
        const second = await at();
        expect(second! > first!).toBe(true);
        await new Promise((r) => setTimeout(r, 5));
        await store.tasks.replaceForSheet('s1', [task('s1', 'a', { person: '外部顾问' }), task('s1', 'b', { person: '外部顾问', position: 1 })]);
        expect((await store.tasks.ofSheet('s1')).map((t) => t.assignedAt! > second!)).toEqual([false, true]);
        await store.tasks.replaceForSheet('s1', [task('s1', 'a', { person: '' })]);
        expect(await at()).toBeNull();
      });

      test('a person’s tasks: theirs by id or their department’s by name, only on sheets they are a member of, by deadline', async () => {
        const me = await person('me@example.com');
        const other = await person('other@example.com');
        await sheetOf('mine', me.id);
        await sheetOf('theirs', other.id);
        await store.tasks.replaceForSheet('mine', [
          task('mine', 'late', { personId: me.id, deadline: '2026-01-02' }),
          task('mine', 'dept', { department: '测试部', deadline: '2026-01-01' }),
          task('mine', 'nodate', { personId: me.id }),
          task('mine', 'else', { personId: other.id, department: '市场部' }),
        ]);
        await store.tasks.replaceForSheet('theirs', [task('theirs', 'x', { personId: me.id }), task('theirs', 'y', { department: '测试部' })]);
        expect((await store.tasks.assignedTo(me.id, '测试部')).map((t) => t.rowId)).toEqual(['dept', 'late', 'nodate']);
        expect((await store.tasks.assignedTo(me.id, null)).map((t) => t.rowId)).toEqual(['late', 'nodate']);
        await store.sheets.setMember('theirs', me.id, 'viewer');
        expect((await store.tasks.assignedTo(me.id, '测试部')).map((t) => `${t.sheetId}/${t.rowId}`).sort()).toEqual(['mine/dept', 'mine/late', 'mine/nodate', 'theirs/x', 'theirs/y']);
      });

      test('tracked tasks: sheets where the person is 跟踪人, 发起人 or facilitator, and a member', async () => {
        const me = await person('me@example.com');
        const other = await person('other@example.com');
        await sheetOf('facilitated', me.id);
        await sheetOf('tracked', other.id);
        await sheetOf('initiated', other.id);
        await sheetOf('neither', other.id);
        await sheetOf('notMember', other.id);
        for (const id of ['tracked', 'initiated', 'neither']) await store.sheets.setMember(id, me.id, 'editor');
        await store.tasks.replaceForSheet('facilitated', [task('facilitated', 'f')]);
        await store.tasks.replaceForSheet('tracked', [task('tracked', 't', { trackerId: me.id })]);
        await store.tasks.replaceForSheet('initiated', [task('initiated', 'i', { initiatorId: me.id })]);
        await store.tasks.replaceForSheet('neither', [task('neither', 'n', { trackerId: other.id })]);
        await store.tasks.replaceForSheet('notMember', [task('notMember', 'x', { trackerId: me.id })]);
        expect((await store.tasks.trackedBy(me.id)).map((t) => t.rowId).sort()).toEqual(['f', 'i', 't']);
      });

      test('open tasks with deadlines leave out done tasks, tasks without a deadline and archived sheets', async () => {
        const owner = await person('o@example.com');
        await sheetOf('live', owner.id);
        await sheetOf('old', owner.id);
        await store.tasks.replaceForSheet('live', [
          task('live', 'open', { deadline: '2026-02-01' }),
          task('live', 'done', { deadline: '2026-02-01', status: 'done' }),
          task('live', 'undated'),
          task('live', 'blocked', { deadline: '2026-01-15', status: 'blocked' }),
        ]);
        await store.tasks.replaceForSheet('old', [task('old', 'archived', { deadline: '2026-01-01', sheetStage: 'archived' })]);
        expect((await store.tasks.openWithDeadlines()).map((t) => t.rowId)).toEqual(['blocked', 'open']);
      });

      test('department counts: open tasks, overdue before today, due from today to the week’s end; archived sheets and done tasks aside', async () => {
        const owner = await person('o@example.com');
        await sheetOf('s1', owner.id);
        await sheetOf('s2', owner.id);
        await store.tasks.replaceForSheet('s1', [
          task('s1', 'a', { department: '测试部', deadline: '2026-11-24' }),
          task('s1', 'b', { department: '测试部', deadline: '2026-11-25' }),
          task('s1', 'c', { department: '测试部', deadline: '2026-11-29' }),
          task('s1', 'd', { department: '测试部', deadline: '2026-11-30' }),
          task('s1', 'e', { department: '测试部', deadline: '2026-11-01', status: 'done' }),
          task('s1', 'f', { department: '市场部' }),
        ]);
        await store.tasks.replaceForSheet('s2', [task('s2', 'g', { department: '市场部', deadline: '2026-01-01', sheetStage: 'archived' })]);
        const window = { today: '2026-11-25', weekEnd: '2026-11-29' };
        expect(await store.tasks.departmentCounts(window)).toEqual([
          { department: '测试部', open: 4, overdue: 1, dueThisWeek: 2 },
          { department: '市场部', open: 1, overdue: 0, dueThisWeek: 0 },
        ]);
        expect(await store.tasks.departmentCounts({ ...window, department: '市场部' })).toEqual([{ department: '市场部', open: 1, overdue: 0, dueThisWeek: 0 }]);
      });

      test('open sheets by stage and urgency, all or those involving a department', async () => {
        const owner = await person('o@example.com');
        await sheetOf('a', owner.id);
        await sheetOf('b', owner.id);
        await sheetOf('c', owner.id);
        await sheetOf('d', owner.id);
        await store.sheets.updateSummary('a', { ...SUMMARY, stage: 'executing', urgency: 'urgent', departments: ['测试部', '市场部'] });
        await store.sheets.updateSummary('b', { ...SUMMARY, stage: 'executing', urgency: 'urgent', departments: ['市场部'] });
        await store.sheets.updateSummary('c', { ...SUMMARY, stage: 'discussion', urgency: 'low', departments: ['测试部'] });
        await store.sheets.updateSummary('d', { ...SUMMARY, stage: 'archived', urgency: 'urgent', departments: ['测试部'] });
        const sorted = (rows: Array<{ stage: string; urgency: string; count: number }>) => rows.map((r) => `${r.stage}/${r.urgency}=${r.count}`).sort();
        expect(sorted(await store.tasks.openSheetCounts({}))).toEqual(['discussion/low=1', 'executing/urgent=2']);
        expect(sorted(await store.tasks.openSheetCounts({ department: '测试部' }))).toEqual(['discussion/low=1', 'executing/urgent=1']);
      });

      test('a person’s threshold of days without feedback: unset, set, changed', async () => {
        const me = await person('me@example.com');
        expect(await store.tasks.staleDaysOf(me.id)).toBeNull();
        await store.tasks.setStaleDays(me.id, 5);
        await store.tasks.setStaleDays(me.id, 7);
        expect(await store.tasks.staleDaysOf(me.id)).toBe(7);
      });
    });

    describe('notifications', () => {
      const notice = (recipientId: string, extra: Partial<NewNotification> = {}): NewNotification => ({
        recipientId,
        kind: 'stage',
        sheetId: 's1',
        actorId: null,
        actorName: '张经理',
        payload: { title: '协调', to: 'discussion' },
        key: null,
        inApp: true,
        ...extra,
      });

      test('recorded per recipient, listed newest first with their payload, paged by id', async () => {
        const a = await person('a@example.com');
        const b = await person('b@example.com');
        await sheetOf('s1', a.id);
        const first = await store.notifications.add(notice(a.id, { actorId: b.id }));
        expect(first).toMatchObject({ recipientId: a.id, kind: 'stage', sheetId: 's1', actorId: b.id, actorName: '张经理', payload: { title: '协调', to: 'discussion' }, readAt: null });
        expect(Date.parse(first!.createdAt)).not.toBeNaN();
        const second = await store.notifications.add(notice(a.id, { kind: 'mention' }));
        const third = await store.notifications.add(notice(a.id, { kind: 'added', sheetId: null }));
        await store.notifications.add(notice(b.id));
        expect((await store.notifications.list(a.id, { limit: 10 })).map((n) => n.id)).toEqual([third!.id, second!.id, first!.id]);
        expect(await store.notifications.list(a.id, { limit: 10 })).toEqual([third, second, first]);
        expect((await store.notifications.list(a.id, { limit: 2 })).map((n) => n.id)).toEqual([third!.id, second!.id]);
        expect((await store.notifications.list(a.id, { limit: 2, before: second!.id })).map((n) => n.id)).toEqual([first!.id]);
        expect((await store.notifications.list(b.id, { limit: 10 })).map((n) => n.recipientId)).toEqual([b.id]);
      });

      test('a key makes a notification happen once per recipient, whoever tries again', async () => {
        const a = await person('a@example.com');
        const b = await person('b@example.com');
        await sheetOf('s1', a.id);
        const once = await store.notifications.add(notice(a.id, { kind: 'deadlineMissed', key: 'deadline:s1:t1:missed' }));
        expect(once).not.toBeNull();
        expect(await store.notifications.add(notice(a.id, { kind: 'deadlineMissed', key: 'deadline:s1:t1:missed' }))).toBeNull();
        expect(await store.notifications.add(notice(b.id, { kind: 'deadlineMissed', key: 'deadline:s1:t1:missed' }))).not.toBeNull();
        const attempts = await Promise.all([1, 2, 3].map(() => store.notifications.add(notice(a.id, { key: 'raced' }))));
        expect(attempts.filter(Boolean)).toHaveLength(1);
        expect(await store.notifications.add(notice(a.id))).not.toBeNull();
        expect(await store.notifications.add(notice(a.id))).not.toBeNull();
        expect(await store.notifications.list(a.id, { limit: 10 })).toHaveLength(4);
      });

      test('§5 collapse: a later notice of the same kind and sheet replaces the unread one within the window, merged; read, older or elsewhere ones stay', async () => {
        const a = await person('a@example.com');
        const b = await person('b@example.com');
        await sheetOf('s1', a.id);
        await sheetOf('s2', a.id);
        const count = (earlier: Record<string, unknown>) => ({ to: 'executing', changes: Number(earlier.changes ?? 1) + 1, from: earlier.from });
        const first = await store.notifications.collapse({ ...notice(a.id), payload: { from: 'draft', to: 'initiated' } }, 60_000, count);
        expect(first.replaced).toBeNull();
        expect(first.notification.payload).toEqual({ from: 'draft', to: 'initiated' });
        const second = await store.notifications.collapse({ ...notice(a.id), payload: { from: 'initiated', to: 'discussion' } }, 60_000, count);
        expect(second.replaced?.id).toBe(first.notification.id);
        expect(second.notification.id).toBeGreaterThan(first.notification.id);
        const third = await store.notifications.collapse({ ...notice(a.id), payload: { from: 'discussion', to: 'executing' } }, 60_000, count);
        expect(third.notification.payload).toEqual({ to: 'executing', changes: 3, from: 'draft' });
        expect(await store.notifications.list(a.id, { limit: 10 })).toEqual([third.notification]);
        expect(await store.notifications.unreadCount(a.id)).toBe(1);
        // Another sheet, another person, another kind: each its own.
        expect((await store.notifications.collapse({ ...notice(a.id), sheetId: 's2' }, 60_000, count)).replaced).toBeNull();
        expect((await store.notifications.collapse(notice(b.id), 60_000, count)).replaced).toBeNull();
        expect((await store.notifications.collapse({ ...notice(a.id), kind: 'lock' }, 60_000, count)).replaced).toBeNull();
        // Once read, the next change is news again; so is one after the window.
        await store.notifications.markRead(a.id, [third.notification.id]);
        const fresh = await store.notifications.collapse(notice(a.id), 60_000, count);
        expect(fresh.replaced).toBeNull();
        await new Promise((r) => setTimeout(r, 30));
        expect((await store.notifications.collapse(notice(a.id), 10, count)).replaced).toBeNull();
        expect((await store.notifications.list(a.id, { limit: 10 })).filter((n) => n.kind === 'stage' && n.sheetId === 's1')).toHaveLength(3);
      });

      test('email-only notifications are kept for their key but neither listed nor counted', async () => {
        const a = await person('a@example.com');
        await sheetOf('s1', a.id);
        expect(await store.notifications.add(notice(a.id, { inApp: false, key: 'k' }))).not.toBeNull();
        expect(await store.notifications.add(notice(a.id, { inApp: false, key: 'k' }))).toBeNull();
        expect(await store.notifications.list(a.id, { limit: 10 })).toEqual([]);
        expect(await store.notifications.unreadCount(a.id)).toBe(0);
      });

      test('unread counted; marked read by id (only the recipient’s) or all at once', async () => {
        const a = await person('a@example.com');
        const b = await person('b@example.com');
        await sheetOf('s1', a.id);
        const [n1, n2] = await Promise.all([1, 2, 3].map(() => store.notifications.add(notice(a.id))));
        const theirs = await store.notifications.add(notice(b.id));
        expect(await store.notifications.unreadCount(a.id)).toBe(3);
        expect(await store.notifications.markRead(a.id, [n1!.id, theirs!.id])).toBe(1);
        expect(await store.notifications.markRead(a.id, [n1!.id])).toBe(0);
        expect(await store.notifications.unreadCount(a.id)).toBe(2);
        expect(await store.notifications.unreadCount(b.id)).toBe(1);
        const listed = await store.notifications.list(a.id, { limit: 10 });
        expect(listed.find((n) => n.id === n1!.id)?.readAt).toBeTruthy();
        expect(listed.find((n) => n.id === n2!.id)?.readAt).toBeNull();
        expect(await store.notifications.markRead(a.id, 'all')).toBe(2);
        expect(await store.notifications.unreadCount(a.id)).toBe(0);
        expect((await store.notifications.list(a.id, { limit: 10 })).every((n) => n.readAt)).toBe(true);
      });

      test('preferences: none until set, then kept whole and replaced', async () => {
        const a = await person('a@example.com');
        expect(await store.notifications.preferences(a.id)).toBeNull();
        const chosen = { ...DEFAULT_PREFERENCES, kinds: { ...DEFAULT_PREFERENCES.kinds, stage: { inApp: false, email: true } }, locale: 'en' as const };
        await store.notifications.setPreferences(a.id, chosen);
        expect(await store.notifications.preferences(a.id)).toEqual(chosen);
        await store.notifications.setPreferences(a.id, DEFAULT_PREFERENCES);
        expect(await store.notifications.preferences(a.id)).toEqual(DEFAULT_PREFERENCES);
      });
    });

    describe('history', () => {
      test('activity events: recorded with a time, listed newest first, per sheet', async () => {
        const owner = await person('owner@example.com');
        await sheetOf('h1', owner.id);
        await sheetOf('h2', owner.id);
        const first = await store.history.record({ sheetId: 'h1', actorId: owner.id, actorName: '张经理', kind: 'lock', detail: { section: 'result', reason: '已确认' } });
        expect(first).toMatchObject({ sheetId: 'h1', kind: 'lock', actorName: '张经理', detail: { section: 'result', reason: '已确认' } });
        expect(Date.parse(first.at)).not.toBeNaN();
        await store.history.record({ sheetId: 'h1', actorId: null, actorName: 'system', kind: 'stage', detail: { to: 'initiated' } });
        await store.history.record({ sheetId: 'h2', actorId: owner.id, actorName: '张经理', kind: 'unlock', detail: {} });
        expect((await store.history.events('h1', 10)).map((e) => e.kind)).toEqual(['stage', 'lock']);
        expect(await store.history.events('h1', 1)).toHaveLength(1);
      });

      test('versions: kept whole, listed newest first without their state, read back by id and sheet', async () => {
        const owner = await person('owner@example.com');
        await sheetOf('h1', owner.id);
        const v1 = await store.history.saveVersion({ sheetId: 'h1', actorId: owner.id, actorName: '张经理', name: '锁定前', kind: 'manual', state: bytes(1, 2, 3) });
        const v2 = await store.history.saveVersion({ sheetId: 'h1', actorId: owner.id, actorName: '张经理', name: '锁定 协商结果', kind: 'lock', state: bytes(4) });
        expect((await store.history.versions('h1')).map((v) => v.id)).toEqual([v2.id, v1.id]);
        expect(await store.history.versions('h1')).toEqual([v2, v1]);
        expect(await store.history.version('h1', v1.id)).toEqual({ ...v1, state: bytes(1, 2, 3) });
        expect(await store.history.version('other', v1.id)).toBeNull();
      });
    });
  });
}
