import { afterAll, beforeAll, expect, test } from 'vitest';
import { Harness } from '../support/harness';
import type { User } from '../../server/store/types';

let h: Harness;
let owner: User;
let member: User;
let outsider: User;
let sheet: string;
let otherSheet: string;
beforeAll(async () => {
  h = await Harness.start();
  owner = await h.user();
  member = await h.user();
  outsider = await h.user();
  sheet = await h.sheet(owner, [[member, 'editor']]);
  otherSheet = await h.sheet(owner, [[member, 'editor']]);
});
afterAll(() => h.close());

const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

/** Expects the upgrade to be refused with `status`, and no room to have been opened for it. */
async function refusedAtUpgrade(token: string | null, status: number, reason: string): Promise<void> {
  await expect(h.socket(sheet, token)).rejects.toThrow(`HTTP ${status} ${reason}`);
  expect(h.ctx.sync.openSheets).toBe(0);
}

test('T1 no token: 401, no socket', () => refusedAtUpgrade(null, 401, 'missing'));

test('T2 forged token: a signature that does not match, or claims altered after signing: 401', async () => {
  await refusedAtUpgrade('not-a-token', 401, 'forged');
  const real = await h.token(member, sheet);
  const [, mac] = real.split('.');
  const raised = Buffer.from(JSON.stringify({ sub: member.id, sheet, role: 'facilitator', exp: inAMinute() })).toString('base64url');
  await refusedAtUpgrade(`${raised}.${mac}`, 401, 'forged');
});

test('T3 expired token: 401', () =>
  refusedAtUpgrade(h.ctx.tokens.sign({ sub: member.id, sheet, role: 'editor', exp: Math.floor(Date.now() / 1000) - 1 }), 401, 'expired'));

test('T4 another sheet’s token: 401', async () => refusedAtUpgrade(await h.token(member, otherSheet), 401, 'wrong-sheet'));

test('T5 a well-signed token of a non-member: 403', () =>
  refusedAtUpgrade(h.ctx.tokens.sign({ sub: outsider.id, sheet, role: 'editor', exp: inAMinute() }), 403, 'not-a-member'));

test('T5 a token of someone unknown: 403', () =>
  refusedAtUpgrade(h.ctx.tokens.sign({ sub: 'nobody', sheet, role: 'facilitator', exp: inAMinute() }), 403, 'not-a-member'));

test('a valid token opens a socket', async () => {
  const ws = await h.socket(sheet, await h.token(member, sheet));
  expect(ws.readyState).toBe(ws.OPEN);
  ws.close();
});
