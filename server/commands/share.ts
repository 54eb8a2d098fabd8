import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { CreateShareLinkBody } from '../../lib/api/schemas';
import { AppError } from '../../lib/errors';
import { authorize } from '../../lib/policies';
import { RESTRICTED_CONFIDENTIALITIES } from '../../lib/sheet/fields';
import { readSheet } from '../../lib/sheet/doc';
import { publicDisputes } from '../../lib/sheet/disputes';
import { attemptSucceeded, shareLinkKeys, takeAttempt } from '../auth/attempts';
import { hashPassword, verifyPassword } from '../auth/password';
import type { Services } from '../services';
import type { ShareLink } from '../store/types';
import { keptFacts } from './retrospective';
import { accessTo } from './access';
import { recordEvent, type Person } from './history';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** What the owner of a sheet sees of a link: never its token (shown once) or password. */
function present(link: ShareLink) {
  const expired = link.expiresAt !== null && Date.parse(link.expiresAt) <= Date.now();
  return {
    id: link.id,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    revokedAt: link.revokedAt,
    hasPassword: link.passwordHash !== null,
    state: (link.revokedAt ? 'revoked' : expired ? 'expired' : 'active') as 'revoked' | 'expired' | 'active',
  };
}

/** Creates a read-only link (facilitator); sheets marked 秘密 or 机密 are never shared by link. */
export async function createShareLink(ctx: Services, actor: Person, sheetId: string, input: CreateShareLinkBody) {
  authorize(await accessTo(ctx, actor, sheetId), 'share');
  const confidentiality = await ctx.sync.withRoom(sheetId, (room) => room.doc.getMap('meta').get('confidentiality'));
  if (RESTRICTED_CONFIDENTIALITIES.includes(confidentiality as never)) {
    throw new AppError('forbidden', 'sheets marked 秘密 or 机密 cannot be shared by link (保密原则)', { reason: 'confidential' });
  }
  // 256 random bits: a link cannot be guessed, only given.
  const token = randomBytes(32).toString('base64url');
  const link = await ctx.store.shareLinks.create({
    sheetId,
    tokenHash: hashToken(token),
    createdBy: actor.id,
    expiresAt: input.expiresAt ?? null,
    passwordHash: input.password ? await hashPassword(input.password) : null,
  });
  await recordEvent(ctx, actor, sheetId, 'share.create', { linkId: link.id, expiresAt: link.expiresAt, password: link.passwordHash !== null });
  return { ...present(link), token, url: `${ctx.config.publicUrl}/s/${token}` };
}

/** A sheet's links with their state (facilitator). */
export async function listShareLinks(ctx: Services, actor: Person, sheetId: string) {
  authorize(await accessTo(ctx, actor, sheetId), 'share');
  return (await ctx.store.shareLinks.listForSheet(sheetId)).map(present);
}

/** Revokes a link by its token or its id (facilitator of its sheet). */
export async function revokeShareLink(ctx: Services, actor: Person, tokenOrId: string, sheetId?: string) {
  const link =
    (await ctx.store.shareLinks.findByTokenHash(hashToken(tokenOrId))) ??
    (sheetId ? ((await ctx.store.shareLinks.listForSheet(sheetId)).find((l) => l.id === tokenOrId) ?? null) : null);
  if (!link) throw new AppError('not_found', 'no such link');
  authorize(await accessTo(ctx, actor, link.sheetId), 'share');
  await ctx.store.shareLinks.revoke(link.id);
  await recordEvent(ctx, actor, link.sheetId, 'share.revoke', { linkId: link.id });
}

/** What a shared page may show of a sheet: every section and the disputes, but no private thread and no internal ids. */
function publicContent(content: ReturnType<typeof readSheet>) {
  const disputes = publicDisputes(content.comments);
  const strip = <T extends Record<string, unknown>>(rows: T[], keys: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));
  const { comments: _comments, ...rest } = content;
  void _comments;
  return {
    ...rest,
    meta: { ...content.meta, initiator: content.meta.initiator && { department: content.meta.initiator.department, person: content.meta.initiator.person }, tracker: content.meta.tracker && { department: content.meta.tracker.department, person: content.meta.tracker.person } },
    tasks: strip(content.tasks, ['personId']),
    feedback: strip(content.feedback, ['authorId']),
    disputes,
  };
}

/** The proof, kept in a cookie, that someone typed a link's password. */
function unlockProof(ctx: Services, link: ShareLink): string {
  return createHmac('sha256', ctx.config.authSecret).update(`share-unlock:${link.id}:${link.passwordHash}`).digest('base64url');
}

/**
 * Opens a shared link: the sheet as stored now, read-only, or why not. A revoked or expired link,
 * or one whose sheet became confidential, shows nothing of the sheet.
 */
export async function openShareLink(ctx: Services, token: string, proofFor: (linkId: string) => string | null) {
  const link = await ctx.store.shareLinks.findByTokenHash(hashToken(token));
  if (!link) return { state: 'unknown' as const };
  const { state } = present(link);
  if (state !== 'active') return { state: state as 'revoked' | 'expired' };
  if (link.passwordHash) {
    const expected = Buffer.from(unlockProof(ctx, link));
    const given = Buffer.from(proofFor(link.id) ?? '');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { state: 'password' as const, linkId: link.id };
  }
  const content = await ctx.sync.withRoom(link.sheetId, (room) => readSheet(room.doc));
  if (RESTRICTED_CONFIDENTIALITIES.includes(content.meta.confidentiality)) return { state: 'revoked' as const };
  const retrospective = await keptFacts(ctx, link.sheetId);
  return { state: 'ok' as const, linkId: link.id, sheetId: link.sheetId, at: new Date().toISOString(), sheet: publicContent(content), retrospective };
}

/**
 * Checks a link's password, at most `LIMITS.sharePasswordFailures` wrong ones per link in a
 * window (W3); the proof returned goes into a cookie for that link only.
 */
export async function unlockShareLink(ctx: Services, token: string, password: string) {
  const link = await ctx.store.shareLinks.findByTokenHash(hashToken(token));
  if (!link || present(link).state !== 'active') throw new AppError('not_found', 'this link is revoked, expired or unknown');
  if (!link.passwordHash) throw new AppError('forbidden', 'wrong password');
  const keys = shareLinkKeys(link.id);
  await takeAttempt(ctx.store.attempts, keys);
  if (!(await verifyPassword(password, link.passwordHash))) throw new AppError('forbidden', 'wrong password');
  await attemptSucceeded(ctx.store.attempts, keys);
  return { linkId: link.id, proof: unlockProof(ctx, link) };
}

let cardFonts: Promise<Array<{ name: string; data: Buffer; weight: 400 }>> | null = null;

/**
 * The fonts of the preview card, shipped with the app (nothing is fetched at run time): Noto Sans
 * SC's simplified-Chinese and Latin subsets, as woff, which the image renderer reads.
 */
export function shareCardFonts() {
  const resolve = createRequire(import.meta.url).resolve;
  cardFonts ??= Promise.all(
    ['chinese-simplified', 'latin'].map(async (subset) => ({
      name: 'Noto Sans SC',
      data: await readFile(resolve(`@fontsource/noto-sans-sc/files/noto-sans-sc-${subset}-400-normal.woff`)),
      weight: 400 as const,
    })),
  );
  return cardFonts;
}
