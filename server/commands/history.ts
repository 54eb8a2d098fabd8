import type { Locale } from '../../lib/i18n';
import * as Y from 'yjs';
import { AppError } from '../../lib/errors';
import { authorize, type Actor } from '../../lib/policies';
import { compareSheets } from '../../lib/sheet/diff';
import { readSheet } from '../../lib/sheet/doc';
import type { Services } from '../services';
import type { Room } from '../sync/room';
import { accessTo } from './access';

/** A person acting on a sheet, named in the history. */
export type Person = Actor & { name: string };

/** Records an event in the sheet's activity history, which every member sees. */
export function recordEvent(ctx: Services, actor: Person, sheetId: string, kind: string, detail: Record<string, unknown> = {}) {
  return ctx.store.history.record({ sheetId, actorId: actor.id, actorName: actor.name, kind, detail });
}

/** Keeps a read-only copy of the sheet as it is now (at a lock, an unlock, a stage change, or on demand). */
export function keepVersion(ctx: Services, actor: Person, room: Room, name: string, kind: string) {
  return ctx.store.history.saveVersion({ sheetId: room.sheetId, actorId: actor.id, actorName: actor.name, name, kind, state: Y.encodeStateAsUpdate(room.doc) });
}

/** Saves a named version on demand (editors and facilitators). */
export async function saveVersion(ctx: Services, actor: Person, sheetId: string, name: string) {
  authorize(await accessTo(ctx, actor, sheetId), 'edit');
  const version = await ctx.sync.withRoom(sheetId, (room) => keepVersion(ctx, actor, room, name, 'manual'));
  await recordEvent(ctx, actor, sheetId, 'version', { versionId: version.id, name });
  return version;
}

/** The activity history and the kept versions, newest first; visible to every member. */
export async function history(ctx: Services, actor: Actor, sheetId: string) {
  authorize(await accessTo(ctx, actor, sheetId), 'view');
  const [events, versions] = await Promise.all([ctx.store.history.events(sheetId, 500), ctx.store.history.versions(sheetId)]);
  return { events, versions };
}

async function sheetAt(ctx: Services, sheetId: string, versionId: number | 'current') {
  if (versionId === 'current') return ctx.sync.withRoom(sheetId, (room) => readSheet(room.doc));
  const version = await ctx.store.history.version(sheetId, versionId);
  if (!version) throw new AppError('not_found', `no version ${versionId} of this sheet`);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.state);
  const sheet = readSheet(doc);
  doc.destroy();
  return sheet;
}

/** A kept version of the sheet, read-only, with every section as the API reads it. */
export async function versionOf(ctx: Services, actor: Actor, sheetId: string, versionId: number) {
  authorize(await accessTo(ctx, actor, sheetId), 'view');
  const info = (await ctx.store.history.versions(sheetId)).find((v) => v.id === versionId);
  if (!info) throw new AppError('not_found', `no version ${versionId} of this sheet`);
  return { version: info, sheet: await sheetAt(ctx, sheetId, versionId) };
}

/** Two versions (or a version and the live sheet) compared section by section, insertions and deletions marked. */
export async function compareVersions(ctx: Services, actor: Actor, sheetId: string, from: number, to: number | 'current', locale: Locale) {
  authorize(await accessTo(ctx, actor, sheetId), 'view');
  const [before, after] = await Promise.all([sheetAt(ctx, sheetId, from), sheetAt(ctx, sheetId, to)]);
  return { from, to, sections: compareSheets(before, after, locale) };
}
