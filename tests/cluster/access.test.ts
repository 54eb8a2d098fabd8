import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { SyncClose } from '../../lib/sync/close';
import type { User } from '../../server/store/types';
import { describeNodes, Nodes } from '../support/cluster';
import { paragraph, until, within, type RawPeer } from '../support/harness';

const writeResult = (text: string) => (doc: Y.Doc) => doc.getXmlFragment('result').insert(0, [paragraph(text)]);

describeNodes('two nodes: locks, access changes and archiving reach every node', () => {
  let c: Nodes;
  beforeAll(async () => (c = await Nodes.start()));
  afterAll(() => c?.close());

  async function sheetWith(...people: Array<[User, 'editor' | 'viewer']>): Promise<{ facilitator: User; sheet: string }> {
    const facilitator = await c.seed.user();
    return { facilitator, sheet: await c.seed.sheet(facilitator, people) };
  }

  test('N2 L1 a hostile editor on node B writing a section locked through node A is refused; nothing is stored or seen', async () => {
    const editor = await c.seed.user();
    const { facilitator, sheet } = await sheetWith([editor, 'editor']);
    const [a, b] = c.nodes;
    const observer = await c.peer(a, facilitator, sheet);
    const hostile = await c.rawPeer(b, editor, sheet);
    await a.command('lock', facilitator, sheet, 'result', { reason: '会上已达成一致' });
    await until(() => readSheet(hostile.doc).locks.result !== undefined, 5000, 'the lock on node B');

    hostile.write(writeResult('改掉结论'));
    expect(await hostile.closed).toBe(SyncClose.locked);
    expect(readSheet(await c.seed.stored(sheet)).result.text).toBe('');
    expect(readSheet(observer.doc).result.text).toBe('');
  });

  test('N2 L1 node B refuses a write into a section locked through node A even when no message between the nodes arrives', async () => {
    const editor = await c.seed.user();
    const { facilitator, sheet } = await sheetWith([editor, 'editor']);
    const [a, b] = c.nodes;
    const hostile = await c.rawPeer(b, editor, sheet);
    await c.redis.pausePublishing();
    try {
      await a.command('lock', facilitator, sheet, 'result', {});
      // Node B's copy does not show the lock: its guard reads the store before judging.
      expect(readSheet(hostile.doc).locks.result).toBeUndefined();
      hostile.write(writeResult('抢在锁定消息之前'));
      expect(await hostile.closed).toBe(SyncClose.locked);
    } finally {
      await c.redis.resumePublishing();
    }
    expect(readSheet(await c.seed.stored(sheet)).result.text).toBe('');
  });

  test('N2 L1 an edit on node B racing a lock through node A lands before the lock or not at all', async () => {
    const editor = await c.seed.user();
    const { facilitator, sheet } = await sheetWith([editor, 'editor']);
    const [a, b] = c.nodes;
    const writer = await c.rawPeer(b, editor, sheet);
    const typing = (async () => {
      for (let i = 0; writer.ws.readyState === writer.ws.OPEN; i++) {
        writer.write(writeResult(`第${i}稿`));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await until(() => readSheet(writer.doc).result.text.includes('第20稿'), 5000, 'some typing');
    await a.command('lock', facilitator, sheet, 'result', {});
    expect(await writer.closed).toBe(SyncClose.locked);
    await typing;

    // The version kept at the lock is the result as agreed; nothing was added after it.
    const { versions } = (await a.command('history', facilitator, sheet)) as { versions: Array<{ id: number; kind: string }> };
    const atLock = (await a.command('versionOf', facilitator, sheet, versions.find((v) => v.kind === 'lock')!.id)) as { sheet: { result: { text: string } } };
    const stored = readSheet(await c.seed.stored(sheet)).result.text;
    expect(stored).toContain('第20稿');
    expect(stored).toBe(atLock.sheet.result.text);
  });

  test('N3 G7 removing a member through node A closes their socket on node B within a second; a lowered role too', async () => {
    const removed = await c.seed.user();
    const lowered = await c.seed.user();
    const { facilitator, sheet } = await sheetWith([removed, 'editor'], [lowered, 'editor']);
    const [a, b] = c.nodes;
    const onB: RawPeer[] = [await c.rawPeer(b, removed, sheet), await c.rawPeer(b, lowered, sheet)];
    const onA = await c.rawPeer(a, removed, sheet);
    const oldToken = await c.seed.token(removed, sheet);

    await a.command('removeMember', facilitator, sheet, removed.id);
    expect(await within(1000, onB[0].closed, 'the close on node B')).toBe(SyncClose.accessChanged);
    expect(await within(1000, onA.closed, 'the close on node A')).toBe(SyncClose.accessChanged);
    await expect(c.rawPeer(b, removed, sheet, oldToken)).rejects.toThrow('HTTP 403 not-a-member');

    await a.command('setMember', facilitator, sheet, lowered.email, 'viewer');
    expect(await within(1000, onB[1].closed, 'the close on node B')).toBe(SyncClose.accessChanged);
    const again = await c.rawPeer(b, lowered, sheet);
    again.write(writeResult('as a viewer now'));
    expect(await again.closed).toBe(SyncClose.forbiddenSection);
  });

  test('N2 A1 a sheet archived through node A refuses writes on node A and node B', async () => {
    const editor = await c.seed.user();
    const { facilitator, sheet } = await sheetWith([editor, 'editor']);
    await readyToArchive(facilitator, sheet, editor);
    const [a, b] = c.nodes;
    const onA = await c.rawPeer(a, editor, sheet);
    const onB = await c.rawPeer(b, editor, sheet);
    await a.command('changeStage', facilitator, sheet, { stage: 'archived', settle: { tasks: [{ id: 't1', outcome: 'open' }] } });
    for (const peer of [onB, onA]) {
      peer.write((doc) => doc.getXmlFragment('notes').insert(0, [paragraph('归档后修改')]));
      expect(await peer.closed).toBe(SyncClose.archived);
    }
    await expect(b.command('patchSheet', facilitator, sheet, { title: '改标题' })).rejects.toMatchObject({ code: 'conflict' });
    expect(readSheet(await c.seed.stored(sheet)).notes.text).toBe('');
  });

  /** Takes a sheet, before any node opens it, to Executing with its retrospective written (the seed works on the store). */
  async function readyToArchive(facilitator: User, sheet: string, person: User): Promise<void> {
    const { commands, sync } = c.seed.ctx;
    await sync.withRoom(sheet, (room) =>
      room.changeAsSystem((doc) => {
        doc.getArray('recipients').push([new Y.Map<unknown>([['department', '研发部'], ['contact', person.name]])]);
        for (const [section, text] of [['background', '背景'], ['goal', '目标'], ['result', '结论'], ['review.outcome', '按期上线'], ['review.problems', '无'], ['review.lessons', '提前锁定']]) {
          doc.getXmlFragment(section).insert(0, [paragraph(text)]);
        }
        doc.getMap('meta').set('dueDate', '2026-12-01');
        const task = new Y.Map<unknown>(Object.entries({ id: 't1', task: '测试排期', person: person.name, personId: person.id, deadline: '2026-12-01', status: 'pending' }));
        doc.getArray('tasks').push([task]);
      }),
    );
    for (const stage of ['initiated', 'discussion'] as const) await commands.changeStage(facilitator, sheet, { stage });
    await commands.lock(facilitator, sheet, 'result', {});
    await commands.changeStage(facilitator, sheet, { stage: 'executing' });
  }
});
