import * as Y from 'yjs';
import { AppError } from '../../lib/errors';
import { authorize, type Actor } from '../../lib/policies';
import type { Stage } from '../../lib/sheet/fields';
import { readSheet } from '../../lib/sheet/doc';
import { isSection, type Lock } from '../../lib/sheet/layout';
import { unmetRules } from '../../lib/sheet/stages';
import type { Concord } from '../context';
import { accessTo } from './sheets';
import { locksOf, refuseIfArchived, stageOf } from './state';

/** Sections that cannot be locked: comments stay open on agreed text; control is the locks themselves. */
const UNLOCKABLE = new Set(['comments', 'control']);

/** Checks that `target` names a lockable section or an existing task row (`tasks/<taskId>`). */
function checkTarget(doc: Y.Doc, target: string): void {
  const [section, taskId, ...rest] = target.split('/');
  if (rest.length || !isSection(section) || UNLOCKABLE.has(section) || (taskId !== undefined && section !== 'tasks')) {
    throw new AppError('not_found', `no lockable section ${target}`);
  }
  if (taskId !== undefined) {
    const exists = doc.getArray<Y.Map<unknown>>('tasks').toArray().some((row) => row instanceof Y.Map && row.get('id') === taskId);
    if (!exists) throw new AppError('not_found', `no task ${taskId} on this sheet`);
  }
}

/** Locks a section or a task row as agreed (facilitator); the server writes it to `control`. */
export async function lock(
  ctx: Concord,
  actor: Actor & { name: string },
  sheetId: string,
  target: string,
  options: { reason?: string | null; mode?: Lock['mode'] },
) {
  authorize(await accessTo(ctx, actor, sheetId), 'lock');
  return ctx.sync.withRoom(sheetId, async (room) => {
    refuseIfArchived(room.doc);
    checkTarget(room.doc, target);
    const value: Lock = { by: actor.id, byName: actor.name, at: new Date().toISOString(), reason: options.reason ?? null, mode: options.mode ?? 'hard' };
    await room.change((doc) => locksOf(doc).set(target, value));
    return { section: target, ...value };
  });
}

/** Removes a lock (facilitator). */
export async function unlock(ctx: Concord, actor: Actor, sheetId: string, target: string) {
  authorize(await accessTo(ctx, actor, sheetId), 'lock');
  await ctx.sync.withRoom(sheetId, async (room) => {
    refuseIfArchived(room.doc);
    if (!locksOf(room.doc).has(target)) throw new AppError('not_found', `${target} is not locked`);
    await room.change((doc) => locksOf(doc).delete(target));
  });
}

/**
 * Moves a sheet to another stage (facilitator), after the template's entry rules. A plan change
 * (Executing back to In discussion) needs a reason and may unlock sections; reopening an archived
 * sheet is for administrators only, with a reason.
 */
export async function changeStage(
  ctx: Concord,
  actor: Actor,
  sheetId: string,
  input: { stage: Stage; reason?: string | null; unlock?: string[] },
) {
  const access = await accessTo(ctx, actor, sheetId);
  authorize(access, 'view');
  return ctx.sync.withRoom(sheetId, async (room) => {
    const from = stageOf(room.doc);
    // Reopening is an administrator's decision, whatever their role on the sheet.
    if (from === 'archived' && !actor.isAdmin) throw new AppError('forbidden', 'only an administrator may reopen an archived sheet');
    if (from !== 'archived') authorize(access, 'changeStage');
    if ((from === 'archived' || from === 'executing') && input.stage === 'discussion' && !input.reason?.trim()) {
      throw new AppError('invalid_request', from === 'archived' ? 'reopening needs a reason' : 'a plan change needs a reason');
    }
    const unmet = unmetRules(readSheet(room.doc), input.stage);
    if (unmet.length) throw new AppError('unprocessable', `the sheet cannot move from ${from} to ${input.stage} yet`, { unmet });
    await room.change((doc) => {
      doc.getMap('control').set('stage', input.stage);
      for (const target of input.unlock ?? []) locksOf(doc).delete(target);
    });
    return { stage: input.stage, from };
  });
}
