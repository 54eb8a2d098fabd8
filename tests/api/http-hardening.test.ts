import { afterAll, beforeAll, expect, test } from 'vitest';
import { AppProcess, Session } from './app-process';

const PASSWORD = 'correct horse battery';
let app: AppProcess;
let owner: Session;

beforeAll(async () => {
  app = await AppProcess.start({ TZ: 'UTC' });
  owner = await app.setupAdmin({ email: 'owner@example.com', name: '张经理', password: PASSWORD, department: '客户服务部' });
});
afterAll(() => app?.stop());

async function newSheet(body: Record<string, unknown>): Promise<string> {
  const res = await owner.request('POST', '/api/v1/sheets', { title: '上线协调', ...body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

function expectSecurityHeaders(res: Response, what: string): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("object-src 'none'");
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
}

test('pages, the API, the share page and its preview image carry the security headers, and still work', async () => {
  const id = await newSheet({});
  const { url } = (await (await owner.request('POST', `/api/v1/sheets/${id}/share-links`, {})).json()) as { url: string };
  const share = url.replace('localhost', '127.0.0.1');
  const answers: Array<[string, Response]> = [
    ['the sign-in page', await fetch(`${app.base}/signin`)],
    ['a sheet page', await owner.request('GET', `/sheets/${id}`)],
    ['the API', await owner.request('GET', '/api/v1/me')],
    ['the share page', await fetch(share)],
    ['the share preview card', await fetch(`${share}/og`)],
  ];
  for (const [what, res] of answers) {
    expect(res.status, what).toBe(200);
    expectSecurityHeaders(res, what);
  }
  expect(answers[4][1].headers.get('content-type')).toMatch(/^image\//);
  expect(await answers[3][1].text()).toContain('上线协调');
});

test('an unknown /api/v1 route answers the JSON error shape with 404, whatever the method and depth', async () => {
  for (const [method, path] of [
    ['GET', '/api/v1/nonsense'],
    ['POST', '/api/v1/nonsense/deeper'],
    ['GET', '/api/v1/sheets/abc/nonsense'],
    ['DELETE', '/api/v1/me/nonsense'],
  ]) {
    const res = await owner.request(method, path);
    expect(res.status, `${method} ${path}`).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  }
});

test('an unsupported method on an existing route answers the JSON error shape with 405 and Allow', async () => {
  for (const [method, path, allow] of [
    ['PUT', '/api/v1/sheets', 'GET, POST, HEAD, OPTIONS'],
    ['DELETE', '/api/v1/me', 'GET, HEAD, OPTIONS'],
    ['GET', '/api/v1/setup', 'POST, OPTIONS'],
    ['POST', '/api/v1/sheets/abc/locks/result', 'PUT, DELETE, OPTIONS'],
  ]) {
    const res = await owner.request(method, path);
    expect(res.status, `${method} ${path}`).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
  }
});

test('V1 impossible dates are refused over HTTP (400): a due date on 31 February, a patch to 30 February; 29 February of a leap year is a date', async () => {
  const refused = await owner.request('POST', '/api/v1/sheets', { title: '日期', dueDate: '2026-02-31' });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('dueDate') });
  const id = await newSheet({ dueDate: '2028-02-29' });
  expect((await owner.request('PATCH', `/api/v1/sheets/${id}`, { dueDate: '2027-02-29' })).status).toBe(400);
  expect((await owner.request('PATCH', `/api/v1/sheets/${id}`, { dueDate: '2026-04-31' })).status).toBe(400);
  const sheet = (await (await owner.request('GET', `/api/v1/sheets/${id}`)).json()) as { meta: { dueDate: string } };
  expect(sheet.meta.dueDate).toBe('2028-02-29');
});

test('the Markdown export escapes raw HTML and Markdown in the title', async () => {
  const id = await newSheet({ title: '<img src=x onerror=alert(1)> [点我](javascript:alert(2))' });
  const res = await owner.request('GET', `/api/v1/sheets/${id}/export?format=md`);
  expect(res.status).toBe(200);
  const md = await res.text();
  expect(md).not.toContain('<img');
  expect(md.split('\n')[0]).toBe('# &lt;img src=x onerror=alert(1)&gt; \\[点我\\](javascript:alert(2))');
});

test('pages name their icon, and it is served', async () => {
  const page = await owner.request('GET', '/sheets');
  expect(await page.text()).toMatch(/<link rel="icon" href="\/icon\.svg[^"]*"[^>]*type="image\/svg\+xml"/);
  const icon = await fetch(`${app.base}/icon.svg`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toContain('image/svg+xml');
});

test('times shown to people are in the organisation’s TIME_ZONE, not the server clock’s (UTC here): exports and the share page', async () => {
  const id = await newSheet({});
  // What the minute is in Asia/Shanghai (TIME_ZONE's default) around now, as zh-CN writes it.
  const shanghai = (at: number) => new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(at);
  const around = () => [shanghai(Date.now() - 60_000), shanghai(Date.now()), shanghai(Date.now() + 60_000)];
  const markdown = await (await owner.request('GET', `/api/v1/sheets/${id}/export?format=md`)).text();
  const exported = /导出于 (.+?)(\n| ·)/.exec(markdown)?.[1];
  expect(around()).toContain(exported);
  const { url } = (await (await owner.request('POST', `/api/v1/sheets/${id}/share-links`, {})).json()) as { url: string };
  const html = await (await fetch(url.replace('localhost', '127.0.0.1'))).text();
  expect(around().some((time) => html.includes(`只读分享 · ${time} 的内容`))).toBe(true);
});
