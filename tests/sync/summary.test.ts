import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { Harness, type Peer } from '../support/harness';
import type { User } from '../../server/store/types';

let h: Harness;
let owner: User;
let sheet: string;
let peer: Peer;

beforeAll(async () => {
  h = await Harness.start();
  owner = await h.user('张经理', '客户服务部');
  sheet = await h.sheet(owner);
  peer = await h.peer(owner, sheet);
});
afterAll(() => h.close());

test('the sheets list follows live changes: title, urgency, departments, stage', async () => {
  peer.doc.transact(() => {
    peer.doc.getMap('meta').set('title', '测试资源协调（改）');
    peer.doc.getMap('meta').set('urgency', 'urgent');
    peer.doc.getArray('recipients').push([new Y.Map<unknown>([['id', 'r1'], ['department', '研发部'], ['contact', '李工']])]);
  });
  await expect.poll(async () => (await h.ctx.store.sheets.getSheet(sheet))?.title).toBe('测试资源协调（改）');
  expect(await h.ctx.store.sheets.getSheet(sheet)).toMatchObject({ urgency: 'urgent', departments: ['客户服务部', '研发部'] });
});

test('raising the confidentiality over the socket revokes the sheet’s read-only links', async () => {
  await h.ctx.commands.createShareLink(owner, sheet, {});
  peer.doc.getMap('meta').set('confidentiality', 'topsecret');
  await expect.poll(async () => (await h.ctx.store.shareLinks.listForSheet(sheet)).map((l) => l.revokedAt !== null)).toEqual([true]);
  await expect(h.ctx.commands.createShareLink(owner, sheet, {})).rejects.toMatchObject({ code: 'forbidden' });
});
