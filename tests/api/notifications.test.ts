import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { AppProcess, Session } from './app-process';

const PASSWORD = 'correct horse battery';
let app: AppProcess;
let owner: Session;
let li: Session;
let outsider: Session;
let liId: string;
let sheetId: string;
const providers: WebsocketProvider[] = [];

async function json<T>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

beforeAll(async () => {
  app = await AppProcess.start();
  await fetch(`${app.base}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', name: '张经理', password: PASSWORD, department: '客户服务部' }),
  });
  owner = new Session(app.base);
  await owner.signIn('owner@example.com', PASSWORD);
  for (const [email, name] of [
    ['li@example.com', '李工'],
    ['out@example.com', '路人'],
  ]) {
    await owner.request('POST', '/api/v1/users', { email, name, password: PASSWORD, department: '研发部' });
  }
  li = new Session(app.base);
  await li.signIn('li@example.com', PASSWORD);
  outsider = new Session(app.base);
  await outsider.signIn('out@example.com', PASSWORD);
  liId = (await json<{ id: string }>(li.request('GET', '/api/v1/me'))).id;
  sheetId = (await json<{ id: string }>(owner.request('POST', '/api/v1/sheets', { title: '产品上线前测试资源协调' }))).id;
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await app?.stop();
});

test('my notifications: signed in only; newest first with the unread count, paged, marked read by id or all', async () => {
  expect((await fetch(`${app.base}/api/v1/me/notifications`)).status).toBe(401);
  await owner.request('POST', `/api/v1/sheets/${sheetId}/members`, { email: 'li@example.com', role: 'editor' });
  const second = (await json<{ id: string }>(owner.request('POST', '/api/v1/sheets', { title: '第二张协调表' }))).id;
  await owner.request('POST', `/api/v1/sheets/${second}/members`, { email: 'li@example.com', role: 'viewer' });

  const all = await json<{ notifications: Array<{ id: number; kind: string; sheetId: string; payload: Record<string, unknown> }>; unread: number; next: number | null }>(
    li.request('GET', '/api/v1/me/notifications'),
  );
  expect(all).toMatchObject({ unread: 2, next: null });
  expect(all.notifications.map((n) => [n.kind, n.sheetId, n.payload.title])).toEqual([
    ['added', second, '第二张协调表'],
    ['added', sheetId, '产品上线前测试资源协调'],
  ]);
  expect(all.notifications[0]).not.toHaveProperty('recipientId');
  const first = await json<{ notifications: Array<{ id: number }>; next: number }>(li.request('GET', '/api/v1/me/notifications?limit=1'));
  expect(first.next).toBe(all.notifications[0].id);
  const rest = await json<{ notifications: Array<{ id: number }> }>(li.request('GET', `/api/v1/me/notifications?limit=1&before=${first.next}`));
  expect(rest.notifications.map((n) => n.id)).toEqual([all.notifications[1].id]);
  expect((await li.request('GET', '/api/v1/me/notifications?limit=0')).status).toBe(400);

  expect(await json(li.request('GET', '/api/v1/me/notifications/unread'))).toEqual({ unread: 2 });
  expect(await json(outsider.request('POST', '/api/v1/me/notifications/read', { ids: [all.notifications[0].id] }))).toEqual({ marked: 0, unread: 0 });
  expect(await json(li.request('POST', '/api/v1/me/notifications/read', { ids: [all.notifications[0].id] }))).toEqual({ marked: 1, unread: 1 });
  for (const bad of [{}, { ids: [] }, { all: false }, { ids: ['x'] }]) expect((await li.request('POST', '/api/v1/me/notifications/read', bad)).status).toBe(400);
  expect(await json(li.request('POST', '/api/v1/me/notifications/read', { all: true }))).toEqual({ marked: 1, unread: 0 });
});

test('notification preferences: the defaults, changed in part, refused with 400 when malformed', async () => {
  const defaults = await json<{ kinds: Record<string, { inApp: boolean; email: boolean }>; locale: string | null; emailAvailable: boolean }>(li.request('GET', '/api/v1/me/notification-preferences'));
  expect(defaults).toMatchObject({ locale: null, emailAvailable: false, kinds: { stage: { inApp: true, email: false }, nudge: { inApp: true, email: true } } });
  const changed = await json<typeof defaults>(li.request('PUT', '/api/v1/me/notification-preferences', { kinds: { stage: { inApp: false, email: false } }, locale: 'en' }));
  expect(changed).toMatchObject({ locale: 'en', kinds: { stage: { inApp: false, email: false }, nudge: { inApp: true, email: true } } });
  expect(await json(li.request('GET', '/api/v1/me/notification-preferences'))).toEqual(changed);
  for (const bad of [{ kinds: { coffee: { inApp: true, email: true } } }, { kinds: { stage: { inApp: 'yes', email: false } } }, { locale: 'fr' }, { extra: 1 }]) {
    expect((await li.request('PUT', '/api/v1/me/notification-preferences', bad)).status).toBe(400);
  }
});

test('nudges (催办): 201 to the task’s responsible person; 400, 403, 404 and 422 with their codes', async () => {
  const grant = await json<{ token: string; url: string; room: string }>(owner.request('POST', `/api/v1/sheets/${sheetId}/sync-token`));
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(grant.url.replace('localhost', '127.0.0.1'), grant.room, doc, {
    params: { token: grant.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const row = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries({ task: '测试排期', department: '研发部', person: '李工', personId: null, deliverable: '', deadline: '2026-12-01', status: 'pending', ...fields }));
  doc.getArray('tasks').push([row({ id: 't1', personId: liId }), row({ id: 't2' })]);
  await expect.poll(async () => (await json<{ tasks: unknown[] }>(owner.request('GET', `/api/v1/sheets/${sheetId}`))).tasks.length, { timeout: 10_000 }).toBe(2);
  const url = `/api/v1/sheets/${sheetId}/nudges`;
  const res = await owner.request('POST', url, { rowId: 't1', message: '请今天反馈' });
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({ rowId: 't1', person: { id: liId, name: '李工' } });
  const [latest] = (await json<{ notifications: Array<{ kind: string; payload: Record<string, unknown> }> }>(li.request('GET', '/api/v1/me/notifications'))).notifications;
  expect(latest).toMatchObject({ kind: 'nudge', payload: { rowId: 't1', message: '请今天反馈' } });

  const code = async (session: Session, body: unknown) => {
    const answer = await session.request('POST', url, body);
    return [answer.status, ((await answer.json()) as { error: { code: string } }).error.code];
  };
  expect(await code(owner, { message: 'x' })).toEqual([400, 'invalid_request']);
  expect(await code(owner, { rowId: 't1', extra: true })).toEqual([400, 'invalid_request']);
  expect(await code(li, { rowId: 't1' })).toEqual([403, 'forbidden']);
  expect(await code(outsider, { rowId: 't1' })).toEqual([404, 'not_found']);
  expect(await code(owner, { rowId: 'nope' })).toEqual([404, 'not_found']);
  expect(await code(owner, { rowId: 't2' })).toEqual([422, 'unprocessable']);
});
