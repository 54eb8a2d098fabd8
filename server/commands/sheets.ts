import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { AddMemberBody, CreateSheetBody, PatchSheetBody, SectionBody } from '../../lib/api/schemas';
import { AppError } from '../../lib/errors';
import { LIMITS } from '../../lib/limits';
import { allowedActions, authorize, roleAtLeast, type Actor, type Role } from '../../lib/policies';
import { initSheetDoc, readSheet } from '../../lib/sheet/doc';
import { isRichTextSection, type RichTextSection } from '../../lib/sheet/layout';
import { planSheetRepair, richTextToJson, richTextToPlain, RichTextShapeError, writeRichText } from '../../lib/sheet/richtext-doc';
import type { Services } from '../services';
import type { User } from '../store/types';
import { summarize } from '../sync/summary';
import { accessTo, sheetUrl, writerOn } from './access';
import { recordEvent, type Person } from './history';

/** Creates a sheet in Draft with its creator as facilitator. */
export async function createSheet(ctx: Services, actor: Person & { departmentName: string | null }, input: CreateSheetBody) {
  const id = randomBytes(12).toString('base64url');
  const doc = new Y.Doc();
  initSheetDoc(doc, {
    title: input.title,
    urgency: input.urgency ?? 'normal',
    dueDate: input.dueDate ?? null,
    confidentiality: input.confidentiality ?? 'internal',
    initiator: actor.departmentName ? { department: actor.departmentName, person: actor.name, personId: actor.id } : null,
    tracker: null,
  });
  await ctx.store.sheets.createSheet({ id, createdBy: actor.id, summary: summarize(doc), firstUpdate: Y.encodeStateAsUpdate(doc) });
  doc.destroy();
  await recordEvent(ctx, actor, id, 'created', { title: input.title });
  return { id, url: sheetUrl(ctx, id) };
}

/** Every section of a sheet as JSON, with its members and what the asker may do. */
export async function getSheet(ctx: Services, actor: Actor, sheetId: string) {
  const access = await accessTo(ctx, actor, sheetId);
  authorize(access, 'view');
  const [record, members, content] = await Promise.all([
    ctx.store.sheets.getSheet(sheetId),
    ctx.store.sheets.listMembers(sheetId),
    ctx.sync.withRoom(sheetId, (room) => readSheet(room.doc)),
  ]);
  if (!record) throw new AppError('not_found', 'sheet not found');
  return {
    id: sheetId,
    url: sheetUrl(ctx, sheetId),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    role: access.role,
    allowed: allowedActions(access),
    members,
    ...content,
  };
}

/** Applies basic-information fields to the live document, judged by the guard in the person's name; connected people see them at once. */
export async function patchSheet(ctx: Services, actor: Person, sheetId: string, patch: PatchSheetBody) {
  const writer = await writerOn(ctx, actor, sheetId);
  await ctx.sync.withRoom(sheetId, (room) =>
    room.changeAs(writer, (doc) => {
      const meta = doc.getMap('meta');
      for (const [key, value] of Object.entries(patch)) meta.set(key, value);
    }),
  );
  await recordEvent(ctx, actor, sheetId, 'meta', { fields: Object.keys(patch) });
  return getSheet(ctx, actor, sheetId);
}

function richTextSection(name: string): RichTextSection {
  if (!isRichTextSection(name)) throw new AppError('not_found', `${name.slice(0, 40)} is not a rich-text section`);
  return name;
}

/** One rich-text section: its plain text, and its content as the editor's JSON. */
export async function getSection(ctx: Services, actor: Actor, sheetId: string, name: string) {
  const section = richTextSection(name);
  authorize(await accessTo(ctx, actor, sheetId), 'view');
  return ctx.sync.withRoom(sheetId, (room) => {
    const json = richTextToJson(room.doc.getXmlFragment(section));
    return { section, text: richTextToPlain(json), json };
  });
}

/**
 * Replaces or appends to a rich-text section's content, given as the editor's JSON or as plain
 * text (a paragraph per line), judged by the guard in the person's name like their socket's edits.
 */
export async function writeSection(ctx: Services, actor: Person, sheetId: string, name: string, body: SectionBody, mode: 'replace' | 'append') {
  const section = richTextSection(name);
  const writer = await writerOn(ctx, actor, sheetId);
  const content = 'doc' in body ? body.doc.content : body.text.split(/\r?\n/).map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' }));
  await ctx.sync.withRoom(sheetId, (room) =>
    room.changeAs(writer, (doc) => {
      const fragment = doc.getXmlFragment(section);
      if (mode === 'replace' && fragment.length) fragment.delete(0, fragment.length);
      try {
        writeRichText(fragment, content, fragment.length, LIMITS.richTextNodes);
      } catch (err) {
        throw err instanceof RichTextShapeError ? new AppError('invalid_request', err.message) : err;
      }
    }),
  );
  await recordEvent(ctx, actor, sheetId, 'section', { section, mode });
  return getSection(ctx, actor, sheetId, section);
}

/**
 * Removes from every rich-text section what the schema does not accept (GUARD.md V6, V7), which
 * readers already leave out: for sheets written before the schema was enforced. The system's
 * change, made by an administrator, live (connected people see it at once) and recorded.
 */
export async function repairSheet(ctx: Services, actor: Person & { isAdmin: boolean }, sheetId: string) {
  if (!actor.isAdmin) throw new AppError('forbidden', 'only an administrator repairs a sheet');
  if (!(await ctx.store.sheets.getSheet(sheetId))) throw new AppError('not_found', 'sheet not found');
  const removed = await ctx.sync.withRoom(sheetId, async (room) => {
    const plan = planSheetRepair(room.doc);
    for (const step of plan.steps) await room.changeAsSystem(step);
    return plan.removed;
  });
  if (Object.keys(removed).length) await recordEvent(ctx, actor, sheetId, 'repair', { removed });
  return { removed };
}

/** Adds a member or changes their role; a changed role closes their open sockets on the sheet. */
export async function setMember(ctx: Services, actor: Person, sheetId: string, email: string, role: Role) {
  authorize(await accessTo(ctx, actor, sheetId), 'manageMembers');
  const user = await ctx.store.people.findUserByEmail(email.toLowerCase());
  if (!user) throw new AppError('not_found', `no account for ${email}`);
  return applyRole(ctx, actor, sheetId, user, role);
}

/** Adds people by email, by id, or a whole department at once (facilitator). */
export async function addMembers(ctx: Services, actor: Person, sheetId: string, input: AddMemberBody) {
  authorize(await accessTo(ctx, actor, sheetId), 'manageMembers');
  let people: User[];
  if ('department' in input) {
    const department = await ctx.store.people.findDepartmentByName(input.department);
    if (!department) throw new AppError('not_found', `no department ${input.department}`);
    people = await ctx.store.people.listUsersInDepartment(department.id);
    if (people.length === 0) throw new AppError('not_found', `nobody is in ${input.department} yet`);
  } else {
    const user = 'email' in input ? await ctx.store.people.findUserByEmail(input.email) : await ctx.store.people.findUserById(input.userId);
    if (!user) throw new AppError('not_found', 'email' in input ? `no account for ${input.email}` : 'no such person');
    people = [user];
  }
  const results = [];
  // A department joins without lowering anyone already on the sheet with a stronger role.
  for (const user of people) {
    const current = await ctx.store.sheets.roleOf(sheetId, user.id);
    if ('department' in input && current && roleAtLeast(current, input.role)) continue;
    results.push(await applyRole(ctx, actor, sheetId, user, input.role));
  }
  return results;
}

async function applyRole(ctx: Services, actor: Person, sheetId: string, user: User, role: Role) {
  if (user.id === actor.id && role !== 'facilitator') await ensureAnotherFacilitator(ctx, sheetId, actor.id);
  const before = await ctx.store.sheets.roleOf(sheetId, user.id);
  await ctx.store.sheets.setMember(sheetId, user.id, role);
  if (before && before !== role) await ctx.sync.closeUser(sheetId, user.id);
  if (before !== role) await recordEvent(ctx, actor, sheetId, before ? 'member.role' : 'member.add', { userId: user.id, name: user.name, role, before });
  if (before === null) await ctx.notifier.tell({ kind: 'added', sheetId, actor, payload: { role } }, [user.id]);
  return { userId: user.id, email: user.email, name: user.name, role, added: before === null };
}

/** Removes a member; their open sockets on the sheet are closed at once. */
export async function removeMember(ctx: Services, actor: Person, sheetId: string, userId: string) {
  authorize(await accessTo(ctx, actor, sheetId), 'manageMembers');
  if ((await ctx.store.sheets.roleOf(sheetId, userId)) === 'facilitator') await ensureAnotherFacilitator(ctx, sheetId, userId);
  const removed = await ctx.store.people.findUserById(userId);
  if (!(await ctx.store.sheets.removeMember(sheetId, userId))) throw new AppError('not_found', 'not a member of this sheet');
  await ctx.sync.closeUser(sheetId, userId);
  await recordEvent(ctx, actor, sheetId, 'member.remove', { userId, name: removed?.name ?? '' });
}

async function ensureAnotherFacilitator(ctx: Services, sheetId: string, leaving: string): Promise<void> {
  const members = await ctx.store.sheets.listMembers(sheetId);
  if (!members.some((m) => m.role === 'facilitator' && m.userId !== leaving)) {
    throw new AppError('conflict', 'a sheet needs at least one facilitator');
  }
}

/** A short-lived token to open the sheet's sync socket, and where to connect. */
export async function issueSyncToken(ctx: Services, actor: Actor, sheetId: string) {
  const access = await accessTo(ctx, actor, sheetId);
  authorize(access, 'view');
  const exp = Math.floor(Date.now() / 1000) + LIMITS.syncTokenSeconds;
  const token = ctx.tokens.sign({ sub: actor.id, sheet: sheetId, role: access.role!, exp });
  const base = ctx.config.publicUrl.replace(/^http/, 'ws');
  return { token, url: `${base}/sync`, room: sheetId, role: access.role!, expiresAt: new Date(exp * 1000).toISOString() };
}

/** Who has which role on a sheet; every member may see it. */
export async function listMembers(ctx: Services, actor: Actor, sheetId: string) {
  authorize(await accessTo(ctx, actor, sheetId), 'view');
  return ctx.store.sheets.listMembers(sheetId);
}

/** The sheets the person is a member of. */
export async function listSheets(ctx: Services, actor: Actor) {
  return (await ctx.store.sheets.listSheetsOf(actor.id)).map((s) => ({ ...s, url: sheetUrl(ctx, s.id) }));
}

/** What a preview card may show of a sheet to anyone: its summary when marked 公开 (public), else nothing. */
export async function publicCard(ctx: Services, sheetId: string) {
  const sheet = await ctx.store.sheets.getSheet(sheetId);
  if (!sheet || sheet.confidentiality !== 'public') return null;
  return { title: sheet.title, urgency: sheet.urgency, stage: sheet.stage, dueDate: sheet.dueDate, departments: sheet.departments };
}
