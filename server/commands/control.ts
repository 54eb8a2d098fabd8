import * as Y from 'yjs';
import { AppError } from '../../lib/errors';
import { authorize } from '../../lib/policies';
import type { OpenWorkSettlement, StageBody } from '../../lib/api/schemas';
import { readSheet } from '../../lib/sheet/doc';
import { isSection, type Lock } from '../../lib/sheet/layout';
import { unmetRules } from '../../lib/sheet/stages';
import type { Services } from '../services';
import { peopleIn } from '../notify';
import type { Room } from '../sync/room';
import { accessTo, writerOn } from './access';
import { keepVersion, recordEvent, type Person } from './history';
import { openWorkOf, retrospectiveFacts, unsettledWork } from './retrospective';
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

/** The words of the task a target names (`tasks/<taskId>`), or null for a section. */
function taskText(doc: Y.Doc, target: string): string | null {
  const [, taskId] = target.split('/');
  if (taskId === undefined) return null;
  const row = doc.getArray<Y.Map<unknown>>('tasks').toArray().find((r) => r instanceof Y.Map && r.get('id') === taskId);
  return typeof row?.get('task') === 'string' ? (row.get('task') as string) : null;
}

/** Locks a section or a task row as agreed (facilitator); the server writes it to `control`. */
export async function lock(
  ctx: Services,
  actor: Person,
  sheetId: string,
  target: string,
  options: { reason?: string | null; mode?: Lock['mode'] },
) {
  authorize(await accessTo(ctx, actor, sheetId), 'lock');
  return ctx.sync.withRoom(sheetId, async (room) => {
    refuseIfArchived(room.doc);
    checkTarget(room.doc, target);
    const value: Lock = { by: actor.id, byName: actor.name, at: new Date().toISOString(), reason: options.reason ?? null, mode: options.mode ?? 'hard' };
    await room.changeAsSystem((doc) => locksOf(doc).set(target, value));
    await recordEvent(ctx, actor, sheetId, 'lock', { section: target, reason: value.reason, mode: value.mode });
    await keepVersion(ctx, actor, room, `lock ${target}`, 'lock');
    // Whoever is in that part right now had their editing stopped: they are told why.
    await ctx.notifier.tell({ kind: 'lock', sheetId, actor, payload: { section: target, task: taskText(room.doc, target), reason: value.reason } }, peopleIn(room.awareness, target));
    return { section: target, ...value };
  });
}

/** Removes a lock (facilitator). */
export async function unlock(ctx: Services, actor: Person, sheetId: string, target: string) {
  authorize(await accessTo(ctx, actor, sheetId), 'lock');
  await ctx.sync.withRoom(sheetId, async (room) => {
    refuseIfArchived(room.doc);
    if (!locksOf(room.doc).has(target)) throw new AppError('not_found', `${target} is not locked`);
    await room.changeAsSystem((doc) => locksOf(doc).delete(target));
    await recordEvent(ctx, actor, sheetId, 'unlock', { section: target });
    await keepVersion(ctx, actor, room, `unlock ${target}`, 'unlock');
  });
}

/**
 * Moves a sheet to another stage (facilitator), after the template's entry rules. A plan change
 * (Executing back to In discussion) needs a reason and may unlock sections; reopening an archived
 * sheet is for administrators only, with a reason.
 */
export async function changeStage(ctx: Services, actor: Person, sheetId: string, input: StageBody) {
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
    const unlocked = (input.unlock ?? []).filter((target) => locksOf(room.doc).has(target));
    if (input.stage === 'archived') await settleOpenWork(ctx, actor, sheetId, room, input.settle);
    // The retrospective's facts are kept with the archived sheet, as they stood when it was archived.
    const retrospective = input.stage === 'archived' ? await retrospectiveFacts(ctx, sheetId, room.doc, new Date(), input.settle) : undefined;
    await room.changeAsSystem((doc) => {
      doc.getMap('control').set('stage', input.stage);
      doc.getMap('control').set('stageAt', new Date().toISOString());
      for (const target of unlocked) locksOf(doc).delete(target);
    });
    const planChange = from === 'executing' && input.stage === 'discussion';
    const kind = planChange ? 'planChange' : from === 'archived' ? 'reopen' : 'stage';
    await recordEvent(ctx, actor, sheetId, kind, { from, to: input.stage, reason: input.reason ?? null, unlocked, ...(retrospective ? { retrospective } : {}) });
    await keepVersion(ctx, actor, room, `${from} → ${input.stage}`, 'stage');
    const members = await ctx.store.sheets.listMembers(sheetId);
    await ctx.notifier.tell(
      { kind: 'stage', sheetId, actor, payload: { from, to: input.stage, reason: planChange ? (input.reason ?? null) : null } },
      members.map((m) => m.userId),
    );
    return { stage: input.stage, from, unlocked };
  });
}

/**
 * Archiving with open work: every task not done and every dispute still open must be settled in the
 * request, dropped (with a reason) or left open knowingly; otherwise 409 lists them in `details.open`.
 * A dropped dispute is closed (`dropped`) in the facilitator's name, judged like their socket.
 */
async function settleOpenWork(ctx: Services, actor: Person, sheetId: string, room: Room, settle: OpenWorkSettlement | undefined): Promise<void> {
  const open = openWorkOf(room.doc);
  const unsettled = unsettledWork(open, settle);
  if (unsettled.tasks.length || unsettled.disputes.length) {
    throw new AppError('conflict', 'the sheet has open work: drop or leave open each task not done and each dispute not settled', { open: unsettled });
  }
  const openDisputes = new Set(open.disputes.map((d) => d.id));
  const dropped = (settle?.disputes ?? []).filter((d) => d.outcome === 'dropped' && openDisputes.has(d.id));
  if (!dropped.length) return;
  await room.changeAs(await writerOn(ctx, actor, sheetId), (doc) => {
    const threads = doc.getMap<Y.Map<unknown>>('comments');
    for (const d of dropped) threads.get(d.id)?.set('status', 'dropped');
  });
}

/**
 * Someone chose to change a section agreed under a warn-only lock: the agreed wording is kept as
 * a version and the decision goes into the history, so everyone sees what changed after it.
 */
export async function recordWarnEdit(ctx: Services, actor: Person, sheetId: string, target: string) {
  authorize(await accessTo(ctx, actor, sheetId), 'edit');
  return ctx.sync.withRoom(sheetId, async (room) => {
    refuseIfArchived(room.doc);
    if (locksOf(room.doc).get(target)?.mode !== 'warn') throw new AppError('conflict', `${target} has no warn-only lock`);
    const version = await keepVersion(ctx, actor, room, `before change ${target}`, 'warnEdit');
    await recordEvent(ctx, actor, sheetId, 'warnEdit', { section: target, versionId: version.id });
    return { section: target, versionId: version.id };
  });
}
