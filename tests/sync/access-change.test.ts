import { afterAll, beforeAll, expect, test } from 'vitest';
import { SyncClose } from '../../lib/sync/close';
import { Harness, paragraph, until, within } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h.close());

test('G7 T5 a member removed while connected is closed within a second, and cannot come back', async () => {
  const owner = await h.user();
  const editor = await h.user();
  const sheet = await h.sheet(owner, [[editor, 'editor']]);
  const oldToken = await h.token(editor, sheet);
  const first = await h.rawPeer(editor, sheet);
  const second = await h.rawPeer(editor, sheet);

  await h.ctx.commands.removeMember(owner, sheet, editor.id);
  expect(await within(1000, first.closed, 'the close')).toBe(SyncClose.accessChanged);
  expect(await within(1000, second.closed, 'the close')).toBe(SyncClose.accessChanged);

  await expect(h.token(editor, sheet)).rejects.toMatchObject({ code: 'not_found' });
  await expect(h.socket(sheet, oldToken)).rejects.toThrow('HTTP 403 not-a-member');
});

test('G7 T6 a role lowered while connected closes the socket; the reconnect is checked against the new role', async () => {
  const owner = await h.user();
  const editor = await h.user();
  const sheet = await h.sheet(owner, [[editor, 'editor']]);
  const tokenAsEditor = await h.token(editor, sheet);
  const observer = await h.peer(owner, sheet);
  const peer = await h.rawPeer(editor, sheet);
  peer.write((doc) => doc.getXmlFragment('record').insert(0, [paragraph('as editor')]));
  await until(() => observer.doc.getXmlFragment('record').toString().includes('as editor'), 5000, 'the edit');

  await h.ctx.commands.setMember(owner, sheet, editor.email, 'viewer');
  expect(await within(1000, peer.closed, 'the close')).toBe(SyncClose.accessChanged);

  // A token issued while an editor connects, but as the viewer the store now says.
  const stale = await h.socket(sheet, tokenAsEditor);
  const staleClosed = new Promise<number>((resolve) => stale.once('close', resolve));
  const fresh = await h.rawPeer(editor, sheet);
  expect(fresh.doc.getXmlFragment('record').toString()).toContain('as editor');
  fresh.write((doc) => doc.getXmlFragment('record').insert(0, [paragraph('as viewer')]));
  expect(await fresh.closed).toBe(SyncClose.forbiddenSection);
  stale.close();
  await staleClosed;
});

test('G7 a raised role also closes the socket, so the client picks up its new rights', async () => {
  const owner = await h.user();
  const person = await h.user();
  const sheet = await h.sheet(owner, [[person, 'commenter']]);
  const observer = await h.peer(owner, sheet);
  const peer = await h.rawPeer(person, sheet);
  await h.ctx.commands.setMember(owner, sheet, person.email, 'editor');
  expect(await within(1000, peer.closed, 'the close')).toBe(SyncClose.accessChanged);
  const again = await h.rawPeer(person, sheet);
  again.write((doc) => doc.getXmlFragment('record').insert(0, [paragraph('now an editor')]));
  await until(() => observer.doc.getXmlFragment('record').toString().includes('now an editor'), 5000, 'the edit');
  expect((await h.stored(sheet)).getXmlFragment('record').toString()).toContain('now an editor');
});

test('G7 an access change while the socket is being set up (role already read) still closes it', async () => {
  const owner = await h.user();
  const editor = await h.user();
  const sheet = await h.sheet(owner, [[editor, 'editor']]);
  const token = await h.token(editor, sheet);

  // Hold the upgrade right after it read the role, as if the change came in between.
  const sheets = h.ctx.store.sheets;
  const roleOf = sheets.roleOf.bind(sheets);
  let held: (() => void) | null = null;
  sheets.roleOf = async (sheetId, userId) => {
    const role = await roleOf(sheetId, userId);
    if (userId !== editor.id) return role;
    sheets.roleOf = roleOf;
    await new Promise<void>((resolve) => (held = resolve));
    return role;
  };
  const connecting = h.rawPeer(editor, sheet, { token, synced: false });
  await until(() => held !== null, 5000, 'the upgrade to read the role');
  await h.ctx.commands.setMember(owner, sheet, editor.email, 'viewer');
  held!();

  const peer = await connecting;
  expect(await within(1000, peer.closed, 'the close')).toBe(SyncClose.accessChanged);
});
