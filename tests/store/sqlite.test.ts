import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite';
import { storeContract } from './contract';

const dir = mkdtempSync(path.join(tmpdir(), 'concord-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContract('SQLite', async () => openSqliteStore(path.join(dir, `store-${++n}.db`)));

test('SQLite keeps everything across a reopen of the file', async () => {
  const file = path.join(dir, 'reopen.db');
  const first = openSqliteStore(file);
  const user = await first.people.createUser({ email: 'a@example.com', name: 'a', passwordHash: null, isAdmin: false, departmentId: null });
  await first.sheets.createSheet({ id: 's', createdBy: user.id, summary: { title: 't', stage: 'draft', urgency: 'normal', confidentiality: 'internal', dueDate: null, departments: [] }, firstUpdate: new Uint8Array([1]) });
  await first.updates.append('s', [new Uint8Array([2])]);
  await first.close();
  const second = openSqliteStore(file);
  expect((await second.updates.load('s')).updates).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
  expect(await second.sheets.roleOf('s', user.id)).toBe('facilitator');
  await second.close();
});
