import { afterAll, beforeAll, expect, test } from 'vitest';
import type { User } from '../../server/store/types';
import { Harness, paragraph, until, type Peer } from '../support/harness';
import { readSheet } from '../../lib/sheet/doc';

let h: Harness;
let facilitator: User;
let viewer: User;
let sheet: string;
let peer: Peer;

beforeAll(async () => {
  h = await Harness.start();
  facilitator = await h.user('张经理');
  viewer = await h.user('旁听者');
  sheet = await h.sheet(facilitator);
  await h.ctx.commands.setMember(facilitator, sheet, viewer.email, 'viewer');
  peer = await h.peer(facilitator, sheet);
});
afterAll(() => h.close());

test('H1 locks, unlocks, stage changes and member changes are in the activity history, visible to every member', async () => {
  peer.doc.getXmlFragment('result').insert(0, [paragraph('研发部 12 月 1 日前交付')]);
  await expect.poll(async () => readSheet(await h.stored(sheet)).result.text).toBe('研发部 12 月 1 日前交付');
  await h.ctx.commands.lock(facilitator, sheet, 'result', { reason: '会上一致同意' });
  await h.ctx.commands.unlock(facilitator, sheet, 'result');
  const { events, versions } = await h.ctx.commands.history(viewer, sheet);
  expect(events.map((e) => e.kind)).toEqual(['unlock', 'lock', 'member.add', 'created']);
  expect(events[1]).toMatchObject({ actorName: '张经理', detail: { section: 'result', reason: '会上一致同意', mode: 'hard' } });
  expect(versions.map((v) => v.kind)).toEqual(['unlock', 'lock']);
  await expect(h.ctx.commands.history(await h.user('外人'), sheet)).rejects.toMatchObject({ code: 'not_found' });
});

test('H2 a version opens read-only as it was, and compares with the live sheet section by section', async () => {
  const saved = await h.ctx.commands.saveVersion(facilitator, sheet, '会前版本');
  await expect(h.ctx.commands.saveVersion(viewer, sheet, '查看者不能保存')).rejects.toMatchObject({ code: 'forbidden' });
  peer.doc.transact(() => {
    peer.doc.getXmlFragment('result').insert(1, [paragraph('市场部 10 月 18 日前提交用户画像')]);
    peer.doc.getMap('meta').set('urgency', 'urgent');
  });
  await until(() => readSheet(peer.doc).result.text.includes('用户画像'), 5000, 'the change');
  await expect.poll(async () => (await h.ctx.commands.compareVersions(viewer, sheet, saved.id, 'current', 'zh-CN')).sections.map((s) => s.section)).toEqual(['meta', 'result']);

  const { sheet: old } = await h.ctx.commands.versionOf(viewer, sheet, saved.id);
  expect(old.result.text).toBe('研发部 12 月 1 日前交付');
  const diff = await h.ctx.commands.compareVersions(viewer, sheet, saved.id, 'current', 'zh-CN');
  expect(diff.sections.find((s) => s.section === 'result')!.parts).toEqual([
    { op: 'equal', text: '研发部 12 月 1 日前交付' },
    { op: 'insert', text: '\n市场部 10 月 18 日前提交用户画像' },
  ]);
  const versions = (await h.ctx.commands.history(viewer, sheet)).versions;
  const lockVersion = versions.find((v) => v.kind === 'lock')!;
  expect((await h.ctx.commands.compareVersions(viewer, sheet, lockVersion.id, saved.id, 'zh-CN')).sections).toEqual([]);
  await expect(h.ctx.commands.versionOf(viewer, sheet, 99999)).rejects.toMatchObject({ code: 'not_found' });
});

test('H3 changing a section agreed under a warn-only lock keeps the agreed version and records the decision', async () => {
  await h.ctx.commands.lock(facilitator, sheet, 'goal', { mode: 'warn', reason: '已确认' });
  await expect(h.ctx.commands.recordWarnEdit(viewer, sheet, 'goal')).rejects.toMatchObject({ code: 'forbidden' });
  await expect(h.ctx.commands.recordWarnEdit(facilitator, sheet, 'notes')).rejects.toMatchObject({ code: 'conflict' });
  const { versionId } = await h.ctx.commands.recordWarnEdit(facilitator, sheet, 'goal');
  const { events, versions } = await h.ctx.commands.history(viewer, sheet);
  expect(events[0]).toMatchObject({ kind: 'warnEdit', actorName: '张经理', detail: { section: 'goal', versionId } });
  expect(versions[0]).toMatchObject({ id: versionId, kind: 'warnEdit' });
});
