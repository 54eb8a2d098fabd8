import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { SyncClose } from '../../lib/sync/close';
import { eventually, until } from '../support/harness';
import { AppProcess, Session, bearer } from './app-process';

const PASSWORD = 'correct horse battery';
let app: AppProcess;
let admin: Session;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  app = await AppProcess.start();
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await app?.stop();
});

/** Connects a stock y-websocket client with the token and URL the API hands out. */
async function connect(session: Session, sheetId: string) {
  const res = await session.request('POST', `/api/v1/sheets/${sheetId}/sync-token`);
  expect(res.status).toBe(200);
  const grant = (await res.json()) as { token: string; url: string; room: string; expiresAt: string };
  const doc = new Y.Doc();
  // The API advertises PUBLIC_URL (localhost); reach the same port on 127.0.0.1.
  const provider = new WebsocketProvider(grant.url.replace('localhost', '127.0.0.1'), grant.room, doc, {
    params: { token: grant.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, grant };
}

describe('first run', () => {
  test('nothing is reachable without signing in, and errors have one shape', async () => {
    const res = await fetch(`${app.base}/api/v1/sheets`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  test('setup creates the first administrator exactly once; there is no default password', async () => {
    expect(await new Session(app.base).signIn('admin@example.com', PASSWORD)).toBe(false);
    const body = { email: 'Admin@Example.com', name: '王主任', password: PASSWORD, department: '信息部' };
    const first = await fetch(`${app.base}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ email: 'admin@example.com', isAdmin: true });
    const again = await fetch(`${app.base}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, email: 'x@example.com' }) });
    expect(again.status).toBe(409);
    admin = new Session(app.base);
    expect(await admin.signIn('admin@example.com', PASSWORD)).toBe(true);
    expect(await new Session(app.base).signIn('admin@example.com', 'wrong password!')).toBe(false);
  });
});

describe('people and tokens', () => {
  test('an administrator adds people and departments; others may not', async () => {
    const dept = await admin.request('POST', '/api/v1/departments', { name: '市场部' });
    expect(dept.status).toBe(201);
    const added = await admin.request('POST', '/api/v1/users', { email: 'li@example.com', name: '李四', password: PASSWORD, department: '市场部' });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ departmentName: '市场部', isAdmin: false });
    const li = new Session(app.base);
    expect(await li.signIn('li@example.com', PASSWORD)).toBe(true);
    const refused = await li.request('POST', '/api/v1/users', { email: 'z@example.com', name: 'Z', password: PASSWORD });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const duplicate = await admin.request('POST', '/api/v1/users', { email: 'li@example.com', name: '李四', password: PASSWORD });
    expect(duplicate.status).toBe(409);
  });

  test('a personal access token authenticates scripts; a wrong one is refused', async () => {
    const issued = await admin.request('POST', '/api/v1/tokens', { name: 'script' });
    expect(issued.status).toBe(201);
    const { token } = (await issued.json()) as { token: string };
    const me = await bearer(app.base, token)('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'admin@example.com', departmentName: '信息部' });
    expect((await bearer(app.base, `${token}x`)('GET', '/api/v1/me')).status).toBe(401);
  });

  test('the CLI adds a person and prints a new token as its last line', async () => {
    const add = app.cli('user', 'add', '--email', 'zhao@example.com', '--name', '赵六', '--password', PASSWORD, '--department', '生产部');
    expect(add.status).toBe(0);
    const token = app.cli('token', 'create', '--email', 'zhao@example.com');
    expect(token.status).toBe(0);
    const me = await bearer(app.base, token.lines.at(-1)!)('GET', '/api/v1/me');
    expect(await me.json()).toMatchObject({ name: '赵六', departmentName: '生产部', isAdmin: false });
    const bad = app.cli('user', 'add', '--email', 'nope');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('not an email address');
  });
});

describe('sheets', () => {
  let sheetId: string;

  test('create validates its body and answers 201 with id and url', async () => {
    const bad = [
      [{}, 400],
      [{ title: '' }, 400],
      [{ title: 'x', urgency: 'whenever' }, 400],
      [{ title: 'x', dueDate: '2026-13-45' }, 400],
      [{ title: 'x', extra: 1 }, 400],
      ['{not json', 400],
      [{ title: 'x'.repeat(300_000) }, 413],
    ] as const;
    for (const [body, status] of bad) {
      const res = await admin.request('POST', '/api/v1/sheets', body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toBeTruthy();
    }
    const res = await admin.request('POST', '/api/v1/sheets', { title: '产品上线前测试资源协调', urgency: 'urgent', dueDate: '2026-12-01', confidentiality: 'internal' });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; url: string };
    expect(created.url).toMatch(new RegExp(`/sheets/${created.id}$`));
    sheetId = created.id;
  });

  test('list and read: every section as JSON, members, stage and locks', async () => {
    const list = (await (await admin.request('GET', '/api/v1/sheets')).json()) as { sheets: Array<{ id: string; title: string; urgency: string }> };
    expect(list.sheets).toEqual(expect.arrayContaining([expect.objectContaining({ id: sheetId, title: '产品上线前测试资源协调', urgency: 'urgent' })]));
    const sheet = (await (await admin.request('GET', `/api/v1/sheets/${sheetId}`)).json()) as Record<string, unknown>;
    expect(sheet).toMatchObject({
      meta: { title: '产品上线前测试资源协调', urgency: 'urgent', dueDate: '2026-12-01', initiator: { department: '信息部', person: '王主任' } },
      stage: 'draft',
      locks: {},
      record: { text: '', json: { type: 'doc', content: [] } },
      recipients: [],
      tasks: [],
      role: 'facilitator',
      members: [expect.objectContaining({ email: 'admin@example.com', role: 'facilitator' })],
    });
    for (const section of ['background', 'goal', 'result', 'notes', 'review.outcome', 'review.problems', 'review.lessons', 'feedback', 'comments']) {
      expect(sheet).toHaveProperty([section]);
    }
  });

  test('rich text reads back as plain text too', async () => {
    const { doc } = await connect(admin, sheetId);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('市场部：需要 3 名测试')]);
    doc.getXmlFragment('record').insert(0, [paragraph]);
    const text = await eventually(async () => {
      const sheet = (await (await admin.request('GET', `/api/v1/sheets/${sheetId}`)).json()) as { record: { text: string } };
      return sheet.record.text;
    }, '市场部：需要 3 名测试');
    expect(text).toBe('市场部：需要 3 名测试');
    const sheet = (await (await admin.request('GET', `/api/v1/sheets/${sheetId}`)).json()) as { record: { json: unknown } };
    expect(sheet.record.json).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '市场部：需要 3 名测试' }] }] });
  });

  test('PATCH applies meta fields to the live document: a connected peer sees them', async () => {
    const { doc } = await connect(admin, sheetId);
    const res = await admin.request('PATCH', `/api/v1/sheets/${sheetId}`, { title: '测试资源协调（第二版）', urgency: 'low' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ meta: { title: '测试资源协调（第二版）', urgency: 'low' } });
    await until(() => doc.getMap('meta').get('title') === '测试资源协调（第二版）', 5000, 'live title');
    expect((await admin.request('PATCH', `/api/v1/sheets/${sheetId}`, {})).status).toBe(400);
    expect((await admin.request('PATCH', `/api/v1/sheets/${sheetId}`, { stage: 'archived' })).status).toBe(400);
  });

  test('members: the facilitator adds and removes; others may not; outsiders see nothing', async () => {
    const li = new Session(app.base);
    await li.signIn('li@example.com', PASSWORD);
    expect((await li.request('GET', `/api/v1/sheets/${sheetId}`)).status).toBe(404);
    expect((await li.request('POST', `/api/v1/sheets/${sheetId}/sync-token`)).status).toBe(404);

    const added = await admin.request('POST', `/api/v1/sheets/${sheetId}/members`, { email: 'li@example.com', role: 'editor' });
    expect(added.status).toBe(201);
    const { userId } = (await added.json()) as { userId: string };
    expect((await li.request('GET', `/api/v1/sheets/${sheetId}`)).status).toBe(200);
    expect((await li.request('POST', `/api/v1/sheets/${sheetId}/members`, { email: 'zhao@example.com', role: 'viewer' })).status).toBe(403);
    expect((await li.request('PATCH', `/api/v1/sheets/${sheetId}`, { title: '李四改的标题' })).status).toBe(200);
    expect((await admin.request('POST', `/api/v1/sheets/${sheetId}/members`, { email: 'nobody@example.com', role: 'viewer' })).status).toBe(404);

    const { provider } = await connect(li, sheetId);
    const closed = new Promise<number>((resolve) => provider.ws!.addEventListener('close', (e) => resolve((e as unknown as { code: number }).code)));
    expect((await admin.request('DELETE', `/api/v1/sheets/${sheetId}/members/${userId}`)).status).toBe(204);
    expect(await closed).toBe(SyncClose.accessChanged);
    provider.destroy();
    expect((await li.request('GET', `/api/v1/sheets/${sheetId}`)).status).toBe(404);
    const list = (await (await li.request('GET', '/api/v1/sheets')).json()) as { sheets: unknown[] };
    expect(list.sheets).toEqual([]);
  });

  test('the last facilitator cannot leave the sheet without one', async () => {
    const me = (await (await admin.request('GET', '/api/v1/me')).json()) as { id: string };
    expect((await admin.request('DELETE', `/api/v1/sheets/${sheetId}/members/${me.id}`)).status).toBe(409);
  });
});

test('environment problems are all reported at start-up, with a clear message each', () => {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: 'abc', AUTH_SECRET: 'short', PUBLIC_URL: 'not a url', OIDC_ISSUER: 'https://sso.example.com' },
    encoding: 'utf8',
  });
  expect(result.status).toBe(2);
  for (const name of ['PORT', 'AUTH_SECRET', 'PUBLIC_URL', 'OIDC']) expect(result.stderr).toContain(name);
});

test('single sign-on is offered when OIDC is configured', async () => {
  const sso = await AppProcess.start({ OIDC_ISSUER: 'https://sso.example.com', OIDC_CLIENT_ID: 'concord', OIDC_CLIENT_SECRET: 'secret', OIDC_NAME: '集团 SSO' });
  try {
    const providers = (await (await fetch(`${sso.base}/api/auth/providers`)).json()) as Record<string, { name: string; type: string }>;
    expect(providers.oidc).toMatchObject({ name: '集团 SSO', type: 'oauth' });
    expect(providers.credentials).toBeDefined();
  } finally {
    await sso.stop();
  }
  const plain = (await (await fetch(`${app.base}/api/auth/providers`)).json()) as Record<string, unknown>;
  expect(Object.keys(plain)).toEqual(['credentials']);
});

describe('directory, departments as members, tokens', () => {
  test('the directory searches name, email and department; administrators change people', async () => {
    const found = (await (await admin.request('GET', '/api/v1/users?q=市场')).json()) as { users: Array<{ email: string }> };
    expect(found.users.map((u) => u.email)).toEqual(['li@example.com']);
    const all = (await (await admin.request('GET', '/api/v1/users?limit=1')).json()) as { users: unknown[] };
    expect(all.users).toHaveLength(1);
    const { users } = (await (await admin.request('GET', '/api/v1/users?q=li@')).json()) as { users: Array<{ id: string }> };
    const changed = await admin.request('PATCH', `/api/v1/users/${users[0].id}`, { department: '生产部', name: '李四（生产）' });
    expect(await changed.json()).toMatchObject({ name: '李四（生产）', departmentName: '生产部' });
    const me = (await (await admin.request('GET', '/api/v1/me')).json()) as { id: string };
    expect((await admin.request('PATCH', `/api/v1/users/${me.id}`, { admin: false })).status).toBe(409);
    const liSession = new Session(app.base);
    await liSession.signIn('li@example.com', PASSWORD);
    expect((await liSession.request('PATCH', `/api/v1/users/${me.id}`, { name: 'x' })).status).toBe(403);
  });

  test('administrators name a department’s head; the head gets their department’s dashboard, a plain member 403', async () => {
    const liSession = new Session(app.base);
    await liSession.signIn('li@example.com', PASSWORD);
    expect((await liSession.request('GET', '/api/v1/dashboard')).status).toBe(403);
    const { departments } = (await (await admin.request('GET', '/api/v1/departments')).json()) as { departments: Array<{ id: string; name: string; headId: string | null }> };
    const production = departments.find((d) => d.name === '生产部')!;
    expect(production.headId).toBeNull();
    const { users } = (await (await admin.request('GET', '/api/v1/users?q=li@')).json()) as { users: Array<{ id: string }> };
    const headOf = (body: unknown) => admin.request('PATCH', `/api/v1/departments/${production.id}`, body);
    expect((await liSession.request('PATCH', `/api/v1/departments/${production.id}`, { headId: users[0].id })).status).toBe(403);
    expect((await headOf({ headId: 42 })).status).toBe(400);
    expect((await headOf({ headId: 'nobody' })).status).toBe(404);
    expect((await admin.request('PATCH', '/api/v1/departments/missing', { headId: users[0].id })).status).toBe(404);
    const named = await headOf({ headId: users[0].id });
    expect(named.status).toBe(200);
    expect(await named.json()).toMatchObject({ name: '生产部', headId: users[0].id, headName: '李四（生产）' });
    expect(await (await liSession.request('GET', '/api/v1/me')).json()).toMatchObject({ headOf: '生产部' });
    // The head sees their own department whatever they ask for; an administrator chooses.
    const board = await liSession.request('GET', '/api/v1/dashboard?department=市场部');
    expect(board.status).toBe(200);
    expect(await board.json()).toMatchObject({ department: '生产部', departments: [] });
    expect(await (await admin.request('GET', '/api/v1/dashboard?department=市场部')).json()).toMatchObject({ department: '市场部' });
    expect((await headOf({ headId: null })).status).toBe(200);
    expect((await liSession.request('GET', '/api/v1/dashboard')).status).toBe(403);
  });

  test('a whole department joins a sheet at once, without lowering anyone', async () => {
    const { id } = (await (await admin.request('POST', '/api/v1/sheets', { title: '部门会议' })).json()) as { id: string };
    const res = await admin.request('POST', `/api/v1/sheets/${id}/members`, { department: '生产部', role: 'commenter' });
    expect(res.status).toBe(201);
    const { members } = (await res.json()) as { members: Array<{ name: string; role: string }> };
    expect(members.map((m) => m.name).sort()).toEqual(['李四（生产）', '赵六'].sort());
    expect((await admin.request('POST', `/api/v1/sheets/${id}/members`, { department: '不存在的部门', role: 'viewer' })).status).toBe(404);
    const again = (await (await admin.request('POST', `/api/v1/sheets/${id}/members`, { department: '信息部', role: 'viewer' })).json()) as { members: unknown[] };
    expect(again.members).toEqual([]);
    const list = (await (await admin.request('GET', `/api/v1/sheets/${id}/members`)).json()) as { members: Array<{ email: string; role: string }> };
    expect(list.members.find((m) => m.email === 'admin@example.com')?.role).toBe('facilitator');
  });

  test('personal access tokens are listed by name and revoked; a revoked token no longer works', async () => {
    const { token } = (await (await admin.request('POST', '/api/v1/tokens', { name: '待撤销' })).json()) as { token: string };
    const { tokens } = (await (await admin.request('GET', '/api/v1/tokens')).json()) as { tokens: Array<{ id: string; name: string }> };
    expect(JSON.stringify(tokens)).not.toContain(token);
    const target = tokens.find((t) => t.name === '待撤销')!;
    expect((await bearer(app.base, token)('GET', '/api/v1/me')).status).toBe(200);
    expect((await admin.request('DELETE', `/api/v1/tokens/${target.id}`)).status).toBe(204);
    expect((await bearer(app.base, token)('GET', '/api/v1/me')).status).toBe(401);
    expect((await admin.request('DELETE', `/api/v1/tokens/${target.id}`)).status).toBe(404);
  });

  test('history and diff over HTTP', async () => {
    const { id } = (await (await admin.request('POST', '/api/v1/sheets', { title: '历史' })).json()) as { id: string };
    const saved = await admin.request('POST', `/api/v1/sheets/${id}/versions`, { name: '初稿' });
    expect(saved.status).toBe(201);
    const version = (await saved.json()) as { id: number };
    await admin.request('PATCH', `/api/v1/sheets/${id}`, { title: '历史（改）' });
    const diff = (await (await admin.request('GET', `/api/v1/sheets/${id}/diff?from=${version.id}`)).json()) as { sections: Array<{ section: string }> };
    expect(diff.sections.map((s) => s.section)).toEqual(['meta']);
    expect((await admin.request('GET', `/api/v1/sheets/${id}/diff?from=abc`)).status).toBe(400);
    const history = (await (await admin.request('GET', `/api/v1/sheets/${id}/history`)).json()) as { events: Array<{ kind: string }> };
    expect(history.events.map((e) => e.kind)).toEqual(['meta', 'version', 'created']);
    const old = (await (await admin.request('GET', `/api/v1/sheets/${id}/versions/${version.id}`)).json()) as { sheet: { meta: { title: string } } };
    expect(old.sheet.meta.title).toBe('历史');
    const locked = await admin.request('PUT', `/api/v1/sheets/${id}/locks/tasks/nope`, {});
    expect(locked.status).toBe(404);
    const stage = await admin.request('POST', `/api/v1/sheets/${id}/stage`, { stage: 'initiated' });
    expect(stage.status).toBe(422);
    expect(((await stage.json()) as { error: { details: { unmet: unknown[] } } }).error.details.unmet.length).toBeGreaterThan(0);
  });

  test('§3 archiving over HTTP with open work: 409 listing it until each item is settled (zod), then archived; no 催办 after', async () => {
    const { id } = (await (await admin.request('POST', '/api/v1/sheets', { title: '归档前的未完成事项', dueDate: '2026-12-01', urgency: 'normal' })).json()) as { id: string };
    const me = (await (await admin.request('GET', '/api/v1/me')).json()) as { id: string; name: string };
    const { doc } = await connect(admin, id);
    const paragraph = (text: string) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    };
    doc.transact(() => {
      doc.getMap('meta').set('initiator', { department: '客户服务部', person: me.name, personId: me.id });
      doc.getArray('recipients').push([new Y.Map<unknown>(Object.entries({ id: 'r1', department: '研发部', contact: '李工' }))]);
      for (const [section, text] of [['background', '背景'], ['goal', '目标'], ['result', '结论'], ['review.outcome', '成效'], ['review.problems', '问题'], ['review.lessons', '经验']]) doc.getXmlFragment(section).insert(0, [paragraph(text)]);
      doc.getArray('tasks').push([new Y.Map<unknown>(Object.entries({ id: 'k1', order: 'a', task: '部署', department: '研发部', person: '外部', personId: null, deliverable: '', deadline: '2026-12-01', status: 'pending' }))]);
    });
    const post = (body: unknown) => admin.request('POST', `/api/v1/sheets/${id}/stage`, body);
    expect(await eventually(async () => (await post({ stage: 'initiated' })).status, 200)).toBe(200);
    expect((await post({ stage: 'discussion' })).status).toBe(200);
    expect((await admin.request('PUT', `/api/v1/sheets/${id}/locks/result`, {})).status).toBe(200);
    expect((await post({ stage: 'executing' })).status).toBe(200);
    const refused = await post({ stage: 'archived' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string; details: unknown } }).error).toMatchObject({ code: 'conflict', details: { open: { tasks: [{ id: 'k1', task: '部署' }], disputes: [] } } });
    expect((await post({ stage: 'archived', settle: { tasks: [{ id: 'k1', outcome: 'dropped' }] } })).status).toBe(400);
    expect((await post({ stage: 'archived', settle: { tasks: [{ id: 'k1', outcome: 'later' }] } })).status).toBe(400);
    expect((await post({ stage: 'executing', settle: { tasks: [{ id: 'k1', outcome: 'open' }] } })).status).toBe(400);
    const archived = await post({ stage: 'archived', settle: { tasks: [{ id: 'k1', outcome: 'dropped', reason: '外部团队接手' }] } });
    expect(archived.status).toBe(200);
    const facts = (await (await admin.request('GET', `/api/v1/sheets/${id}/retrospective`)).json()) as { archived: boolean; facts: { tasks: { dropped: number; items: unknown[] } } };
    expect(facts).toMatchObject({ archived: true, facts: { tasks: { dropped: 1, items: [{ id: 'k1', outcome: 'dropped', reason: '外部团队接手' }] } } });
    expect((await admin.request('POST', `/api/v1/sheets/${id}/nudges`, { rowId: 'k1' })).status).toBe(409);
  });
});
