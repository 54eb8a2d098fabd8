import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { LIMITS } from '../../lib/limits';
import { AppProcess, Session, bearer } from './app-process';

// Hostile members and strangers against the real app (Next.js included), over HTTP: cross-site
// requests (W1), cookies (W2), guessing passwords (W3), sessions that outlive sign-out (W4) and
// roles that outlive their revocation (W5). GUARD.md, "Web entry points".

const PASSWORD = 'correct horse battery';
let app: AppProcess;
let admin: Session;
let hostileOrigin: string;

/** A person added by the administrator, signed in on a fresh client. */
async function person(email: string, name: string): Promise<{ session: Session; id: string }> {
  const res = await admin.request('POST', '/api/v1/users', { email, name, password: PASSWORD, department: '研发部' });
  const { id } = (await res.json()) as { id: string };
  const session = new Session(app.base);
  expect(await session.signIn(email, PASSWORD)).toBe(true);
  return { session, id };
}

const status = async (res: Promise<Response>) => (await res).status;
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const people = async () => ((await (await admin.request('GET', '/api/v1/users')).json()) as { users: Array<{ email: string }> }).users.map((u) => u.email);

beforeAll(async () => {
  // One reverse proxy in front: each test may stand for another client address with X-Forwarded-For.
  app = await AppProcess.start({ TRUST_PROXY: '1' });
  // A page on another port of the same host: same site, another origin.
  hostileOrigin = app.base.replace(/:\d+$/, ':1');
  admin = await app.setupAdmin({ email: 'admin@example.com', name: '张经理', password: PASSWORD, department: '客户服务部' });
});
afterAll(() => app?.stop());

describe('W1 state-changing cookie requests come from Concord’s own pages only', () => {
  const intruder = { email: 'intruder@example.com', name: '入侵者', password: PASSWORD, admin: true };

  test('a foreign Origin, a same-site or cross-site Sec-Fetch-Site are refused with 403, and nothing is created', async () => {
    const attempts: Array<Record<string, string>> = [
      { origin: hostileOrigin, 'content-type': 'text/plain' },
      { origin: hostileOrigin },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    ];
    for (const headers of attempts) {
      const res = await admin.request('POST', '/api/v1/users', intruder, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await errorCode(res)).toBe('cross_site');
    }
    // next-auth's own routes and pages' forms alike: signing an administrator out from elsewhere.
    expect(await status(admin.request('POST', '/api/auth/signout', 'csrfToken=x', { origin: hostileOrigin, 'content-type': 'application/x-www-form-urlencoded' }))).toBe(403);
    expect(await people()).not.toContain('intruder@example.com');
    expect(await status(admin.request('GET', '/api/v1/me'))).toBe(200);
  });

  test('a JSON body without a JSON content type is refused with 415 even from Concord’s origin, and nothing is created', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await admin.request('POST', '/api/v1/users', JSON.stringify(intruder), { origin: app.base, 'content-type': type });
      expect(res.status, type).toBe(415);
      expect(await errorCode(res)).toBe('unsupported_media_type');
    }
    expect(await people()).not.toContain('intruder@example.com');
  });

  test('Concord’s own pages pass: same-origin, or its origin, with JSON', async () => {
    const sheet = await admin.request('POST', '/api/v1/sheets', { title: '同源请求' }, { origin: app.base, 'sec-fetch-site': 'same-origin' });
    expect(sheet.status).toBe(201);
    expect(await status(admin.request('POST', '/api/v1/sheets', { title: '带字符集的 JSON' }, { 'content-type': 'application/json; charset=utf-8' }))).toBe(201);
    // Reading is never refused for its origin.
    expect(await status(admin.request('GET', '/api/v1/me', undefined, { origin: hostileOrigin, 'sec-fetch-site': 'cross-site' }))).toBe(200);
  });

  test('personal access tokens are unaffected: any origin, any content type', async () => {
    const { token } = (await (await admin.request('POST', '/api/v1/tokens', { name: '脚本' })).json()) as { token: string };
    const res = await fetch(`${app.base}/api/v1/sheets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: hostileOrigin, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      body: JSON.stringify({ title: '脚本创建' }),
    });
    expect(res.status).toBe(201);
    expect(await status(bearer(app.base, token)('GET', '/api/v1/me'))).toBe(200);
  });
});

describe('W2 session cookies', () => {
  test('are HttpOnly and SameSite=Lax over http', async () => {
    const res = await new Session(app.base).signInResponse('admin@example.com', PASSWORD);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).not.toMatch(/; Secure/i);
  });

  test('are also Secure, with the __Secure- prefix, when PUBLIC_URL is https; so is a share link’s unlock cookie', async () => {
    const secure = await AppProcess.start({ PUBLIC_URL: 'https://concord.example.com' });
    try {
      const session = await secure.setupAdmin({ email: 'admin@example.com', name: '张经理', password: PASSWORD });
      const res = await new Session(secure.base).signInResponse('admin@example.com', PASSWORD);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Secure-next-auth.session-token='));
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Secure/i);
      const { id } = (await (await session.request('POST', '/api/v1/sheets', { title: '外链' })).json()) as { id: string };
      const link = (await (await session.request('POST', `/api/v1/sheets/${id}/share-links`, { password: '开会密码1234' })).json()) as { token: string };
      const unlock = await fetch(`${secure.base}/api/v1/share-links/${link.token}/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: '开会密码1234' }) });
      expect(unlock.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax; .*Secure/);
    } finally {
      await secure.stop();
    }
  });
});

describe('W3 passwords cannot be guessed quickly', () => {
  test('sign-in: 10 wrong passwords for an account, then 429 with Retry-After, even with the right password; other accounts are unaffected', async () => {
    await person('guessed@example.com', '王芳');
    const client = new Session(app.base);
    for (let i = 0; i < LIMITS.signInFailuresPerAccount; i++) {
      const res = await client.signInResponse('guessed@example.com', `guess-${i}`, { 'x-forwarded-for': `10.1.0.${i}` });
      expect(res.status, `guess ${i}`).toBe(401);
    }
    const refused = await client.signInResponse('guessed@example.com', PASSWORD, { 'x-forwarded-for': '10.1.1.1' });
    expect(refused.status).toBe(429);
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(LIMITS.attemptWindowMs / 1000 - 60);
    expect(retry).toBeLessThanOrEqual(LIMITS.attemptWindowMs / 1000);
    const body = (await refused.json()) as { error: { code: string; details: { retryAfterSeconds: number } }; url: string };
    expect(body.error.code).toBe('too_many_attempts');
    expect(body.error.details.retryAfterSeconds).toBe(retry);
    // next-auth's own client reads the error from `url`.
    expect(new URL(body.url).searchParams.get('error')).toBe('TooManyAttempts');
    // The account is held whatever the case of the email; the others sign in.
    expect((await client.signInResponse('GUESSED@example.com', PASSWORD)).status).toBe(429);
    expect(await new Session(app.base).signIn('admin@example.com', PASSWORD)).toBe(true);
  });

  test('sign-in: a success clears the account’s failures', async () => {
    await person('typo@example.com', '李强');
    const client = new Session(app.base);
    for (let i = 0; i < LIMITS.signInFailuresPerAccount - 1; i++) await client.signInResponse('typo@example.com', `typo-${i}`, { 'x-forwarded-for': '10.2.0.1' });
    expect(await client.signIn('typo@example.com', PASSWORD)).toBe(true);
    for (let i = 0; i < LIMITS.signInFailuresPerAccount; i++) {
      expect((await new Session(app.base).signInResponse('typo@example.com', `again-${i}`, { 'x-forwarded-for': '10.2.0.2' })).status).toBe(401);
    }
    expect((await new Session(app.base).signInResponse('typo@example.com', PASSWORD, { 'x-forwarded-for': '10.2.0.3' })).status).toBe(429);
  });

  test('sign-in: one address spraying many accounts is stopped after 30 failures; that address’s honest sign-in waits, other addresses do not', async () => {
    await person('sprayed@example.com', '赵强');
    const sprayer = { 'x-forwarded-for': '10.3.0.1' };
    for (let i = 0; i < LIMITS.signInFailuresPerAddress; i++) {
      expect((await new Session(app.base).signInResponse(`nobody-${i}@example.com`, 'guess', sprayer)).status).toBe(401);
    }
    expect((await new Session(app.base).signInResponse('sprayed@example.com', PASSWORD, sprayer)).status).toBe(429);
    const elsewhere = new Session(app.base);
    expect((await elsewhere.signInResponse('sprayed@example.com', PASSWORD, { 'x-forwarded-for': '10.3.0.2' })).status).toBe(200);
    expect(await status(elsewhere.request('GET', '/api/v1/me'))).toBe(200);
  });

  test('sign-in: successes from one address (an office behind one NAT) are never counted against it', async () => {
    const office = { 'x-forwarded-for': '10.4.0.1' };
    for (let i = 0; i < LIMITS.signInFailuresPerAddress + 5; i++) {
      expect((await new Session(app.base).signInResponse('admin@example.com', PASSWORD, office)).status, `sign-in ${i}`).toBe(200);
    }
  });

  test('share links: passwords of at least 8 characters; 10 wrong ones per link, then 429 with Retry-After; other links unaffected', async () => {
    const { id } = (await (await admin.request('POST', '/api/v1/sheets', { title: '分享密码' })).json()) as { id: string };
    const short = await admin.request('POST', `/api/v1/sheets/${id}/share-links`, { password: '1234' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(await short.json())).toContain(`at least ${LIMITS.sharePasswordMinChars} characters`);
    const link = async () => ((await (await admin.request('POST', `/api/v1/sheets/${id}/share-links`, { password: '开会密码1234' })).json()) as { token: string }).token;
    const [guessed, other] = [await link(), await link()];
    const unlock = (token: string, password: string) =>
      fetch(`${app.base}/api/v1/share-links/${token}/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
    for (let i = 0; i < LIMITS.sharePasswordFailures; i++) expect((await unlock(guessed, String(1000 + i))).status).toBe(403);
    const refused = await unlock(guessed, '开会密码1234');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorCode(refused)).toBe('too_many_attempts');
    expect((await unlock(other, '开会密码1234')).status).toBe(200);
  });

  test('changing a password: the current one is guessed no faster than at sign-in', async () => {
    const { session } = await person('changer@example.com', '孙丽');
    for (let i = 0; i < LIMITS.signInFailuresPerAccount; i++) {
      expect(await status(session.request('PUT', '/api/v1/me/password', { currentPassword: `guess-${i}`, newPassword: 'a brand new password' }))).toBe(403);
    }
    const refused = await session.request('PUT', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new password' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });
});

describe('W4 a session ends when it should, everywhere', () => {
  test('signing out ends the session and every copy of it, on every device of that person', async () => {
    const { session } = await person('leaver@example.com', '周明');
    const stolen = session.copy();
    const laptop = new Session(app.base);
    expect(await laptop.signIn('leaver@example.com', PASSWORD)).toBe(true);
    expect(await status(stolen.request('GET', '/api/v1/me'))).toBe(200);
    expect((await session.signOut()).status).toBe(200);
    expect(await status(stolen.request('GET', '/api/v1/me'))).toBe(401);
    expect(await status(laptop.request('GET', '/api/v1/me'))).toBe(401);
    // A page, too, treats the copy as signed out.
    const page = await stolen.request('GET', '/sheets');
    expect(new URL(page.url).pathname).toBe('/signin');
    // Signing in again works.
    expect(await session.signIn('leaver@example.com', PASSWORD)).toBe(true);
    expect(await status(session.request('GET', '/api/v1/me'))).toBe(200);
  });

  test('changing the password ends every session; the old password no longer signs in, the new one does', async () => {
    const { session } = await person('rotate@example.com', '吴磊');
    const other = session.copy();
    expect(await status(session.request('PUT', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'short' }))).toBe(400);
    expect(await status(session.request('PUT', '/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new password' }))).toBe(204);
    expect(await status(other.request('GET', '/api/v1/me'))).toBe(401);
    expect(await status(session.request('GET', '/api/v1/me'))).toBe(401);
    expect(await new Session(app.base).signIn('rotate@example.com', PASSWORD)).toBe(false);
    expect(await new Session(app.base).signIn('rotate@example.com', 'a brand new password')).toBe(true);
  });

  test('“sign out everywhere” by an administrator ends a person’s sessions and closes their open sheets’ sockets; others may not do it', async () => {
    const target = await person('lost-phone@example.com', '郑华');
    const bystander = await person('bystander@example.com', '钱进');
    expect(await status(bystander.session.request('DELETE', `/api/v1/users/${target.id}/sessions`))).toBe(403);
    expect(await status(target.session.request('GET', '/api/v1/me'))).toBe(200);

    const { id } = (await (await target.session.request('POST', '/api/v1/sheets', { title: '丢失的手机' })).json()) as { id: string };
    const grant = (await (await target.session.request('POST', `/api/v1/sheets/${id}/sync-token`)).json()) as { token: string; url: string; room: string };
    const provider = new WebsocketProvider(grant.url.replace('localhost', '127.0.0.1'), grant.room, new Y.Doc(), {
      params: { token: grant.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: true,
    });
    provider.shouldConnect = true;
    try {
      await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
      const closed = new Promise<number>((resolve) => provider.ws!.addEventListener('close', (e) => resolve(e.code)));
      expect(await status(admin.request('DELETE', `/api/v1/users/${target.id}/sessions`))).toBe(204);
      expect(await closed).toBe(4401);
    } finally {
      provider.destroy();
    }
    expect(await status(target.session.request('GET', '/api/v1/me'))).toBe(401);
    expect(await status(target.session.request('POST', `/api/v1/sheets/${id}/sync-token`))).toBe(401);
    expect(await status(admin.request('DELETE', '/api/v1/users/nobody/sessions'))).toBe(404);
    // A person may end their own sessions.
    expect(await status(bystander.session.request('DELETE', `/api/v1/users/${bystander.id}/sessions`))).toBe(204);
    expect(await status(bystander.session.request('GET', '/api/v1/me'))).toBe(401);
  });
});

describe('W5 roles are read on every request', () => {
  test('removing a member or lowering their role stops their HTTP access at once', async () => {
    const member = await person('member@example.com', '冯涛');
    const { id } = (await (await admin.request('POST', '/api/v1/sheets', { title: '权限即时生效' })).json()) as { id: string };
    await admin.request('POST', `/api/v1/sheets/${id}/members`, { email: 'member@example.com', role: 'editor' });
    expect(await status(member.session.request('PATCH', `/api/v1/sheets/${id}`, { title: '编辑者改名' }))).toBe(200);
    await admin.request('POST', `/api/v1/sheets/${id}/members`, { email: 'member@example.com', role: 'viewer' });
    expect(await status(member.session.request('PATCH', `/api/v1/sheets/${id}`, { title: '查看者改名' }))).toBe(403);
    expect(await status(member.session.request('GET', `/api/v1/sheets/${id}`))).toBe(200);
    expect(await status(admin.request('DELETE', `/api/v1/sheets/${id}/members/${member.id}`))).toBe(204);
    expect([403, 404]).toContain(await status(member.session.request('GET', `/api/v1/sheets/${id}`)));
    expect([403, 404]).toContain(await status(member.session.request('GET', `/api/v1/sheets/${id}/export?format=md`)));
  });
});
