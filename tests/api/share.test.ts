import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { AppProcess, Session } from './app-process';

const PASSWORD = 'correct horse battery';
let app: AppProcess;
let owner: Session;
let editor: Session;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  app = await AppProcess.start();
  await fetch(`${app.base}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', name: '张经理', password: PASSWORD, department: '客户服务部' }),
  });
  owner = new Session(app.base);
  await owner.signIn('owner@example.com', PASSWORD);
  await owner.request('POST', '/api/v1/users', { email: 'editor@example.com', name: '李工', password: PASSWORD, department: '研发部' });
  editor = new Session(app.base);
  await editor.signIn('editor@example.com', PASSWORD);
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await app?.stop();
});

/** A sheet with hostile content in its title and record, a public dispute and a private thread. */
async function hostileSheet(): Promise<string> {
  const res = await owner.request('POST', '/api/v1/sheets', { title: '<script>alert(1)</script>上线协调', urgency: 'urgent', dueDate: '2026-12-01' });
  const { id } = (await res.json()) as { id: string };
  await owner.request('POST', `/api/v1/sheets/${id}/members`, { email: 'editor@example.com', role: 'editor' });
  const grant = (await (await owner.request('POST', `/api/v1/sheets/${id}/sync-token`)).json()) as { token: string; url: string; room: string };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(grant.url.replace('localhost', '127.0.0.1'), grant.room, doc, {
    params: { token: grant.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const me = (await (await owner.request('GET', '/api/v1/me')).json()) as { id: string };
  const text = new Y.XmlText();
  text.insert(0, '点击这里', { link: { href: 'https://example.com/plan' } });
  text.insert(4, ' <img src=x onerror=alert(3)> 研发部同意排期');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  const at = new Date().toISOString();
  const thread = (id: string, fields: Record<string, unknown>, message: string) => {
    const t = new Y.Map<unknown>(Object.entries({ id, section: 'record', anchor: null, taskId: null, quote: '排期', createdBy: me.id, createdByName: '张经理', createdAt: at, kind: 'comment', status: 'open', private: false, ...fields }));
    t.set('messages', Y.Array.from([new Y.Map<unknown>(Object.entries({ id: `${id}m`, authorId: me.id, author: '张经理', at, text: message }))]));
    return t;
  };
  doc.transact(() => {
    doc.getXmlFragment('record').insert(0, [paragraph]);
    doc.getArray('recipients').push([new Y.Map<unknown>([['id', 'r1'], ['department', '研发部'], ['contact', '李工']])]);
    doc.getMap('comments').set('d1', thread('d1', { kind: 'dispute', question: '上线日期能否推迟？', status: 'agreed' }, '争议讨论'));
    doc.getMap('comments').set('p1', thread('p1', { private: true }, '内部私密意见'));
  });
  await new Promise((r) => setTimeout(r, 300));
  return id;
}

async function page(url: string, cookie = ''): Promise<string> {
  const res = await fetch(url.replace('localhost', '127.0.0.1'), { headers: cookie ? { cookie } : {} });
  expect(res.status).toBe(200);
  return res.text();
}

test('R1 a facilitator shares by link; the page shows every section without sign-in, and nothing internal', async () => {
  const id = await hostileSheet();
  expect((await editor.request('POST', `/api/v1/sheets/${id}/share-links`, {})).status).toBe(403);
  const res = await owner.request('POST', `/api/v1/sheets/${id}/share-links`, {});
  expect(res.status).toBe(201);
  const link = (await res.json()) as { url: string; token: string; state: string };
  expect(link.token.length).toBeGreaterThanOrEqual(43);
  expect(link.state).toBe('active');
  const html = await page(link.url);
  expect(html).toContain('研发部同意排期');
  expect(html).toMatch(/<title>[^<]*上线协调 · Concord<\/title>/);
  expect(html).toContain('上线日期能否推迟？');
  expect(html).not.toContain('内部私密意见');
  expect(html).not.toContain('owner@example.com');
  expect(html).not.toContain('editor@example.com');
  expect(html).toContain('og:image');
  expect(html).toContain('twitter:card');
  // R2 hostile content is inert: escaped text, no script, no live event handler (links the schema refuses: richtext-schema.test.ts).
  expect(html).not.toContain('<script>alert(1)');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('href="https://example.com/plan"');
  expect(html).not.toContain('<img src=x');
  const { links } = (await (await owner.request('GET', `/api/v1/sheets/${id}/share-links`)).json()) as { links: Array<{ id: string; state: string }> };
  expect(links).toHaveLength(1);
  expect(JSON.stringify(links)).not.toContain(link.token);
});

test('R3 the preview card is a valid 1200x630 PNG, also for a hostile title', async () => {
  const id = await hostileSheet();
  const { url } = (await (await owner.request('POST', `/api/v1/sheets/${id}/share-links`, {})).json()) as { url: string };
  const res = await fetch(`${url.replace('localhost', '127.0.0.1')}/og`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  const png = Buffer.from(await res.arrayBuffer());
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.readUInt32BE(16)).toBe(1200);
  expect(png.readUInt32BE(20)).toBe(630);
});

test('R4 a revoked link, an expired one and an unknown one show nothing of the sheet', async () => {
  const id = await hostileSheet();
  const revoked = (await (await owner.request('POST', `/api/v1/sheets/${id}/share-links`, {})).json()) as { url: string; token: string };
  expect((await editor.request('DELETE', `/api/v1/share-links/${revoked.token}`)).status).toBe(403);
  expect((await owner.request('DELETE', `/api/v1/share-links/${revoked.token}`)).status).toBe(204);
  const expiresAt = new Date(Date.now() + 1500).toISOString();
  const expiring = (await (await owner.request('POST', `/api/v1/sheets/${id}/share-links`, { expiresAt })).json()) as { url: string };
  expect(await page(expiring.url)).toContain('研发部同意排期');
  expect((await owner.request('POST', `/api/v1/sheets/${id}/share-links`, { expiresAt: '2001-01-01T00:00:00Z' })).status).toBe(400);
  await new Promise((r) => setTimeout(r, 1600));
  // A token nobody issued is not found (404); a revoked or expired link is found and says why.
  const unknown = await fetch(`${app.base}/s/not-a-real-token`);
  expect(unknown.status).toBe(404);
  const unknownHtml = await unknown.text();
  for (const html of [await page(revoked.url), await page(expiring.url), unknownHtml]) {
    expect(html).toContain('share-gone');
    expect(html).not.toContain('研发部同意排期');
    expect(html).not.toContain('上线协调');
  }
  expect(unknownHtml).toContain('找不到此链接');
  const card = await fetch(`${revoked.url.replace('localhost', '127.0.0.1')}/og`);
  expect(card.headers.get('content-type')).toBe('image/png');
});

test('R5 a password link shows nothing until the right password; the proof is kept per link', async () => {
  const id = await hostileSheet();
  const link = (await (await owner.request('POST', `/api/v1/sheets/${id}/share-links`, { password: '开会密码1234' })).json()) as { url: string; token: string; hasPassword: boolean };
  expect(link.hasPassword).toBe(true);
  const locked = await page(link.url);
  expect(locked).not.toContain('研发部同意排期');
  expect(locked).toContain('type="password"');
  // Its preview card (which reveals nothing) is announced, so a chat unfurls the link as needing a password.
  expect(locked).toMatch(/property="og:image" content="[^"]*\/s\/[^"]+\/og"/);
  expect(locked).toContain('property="og:title" content="此分享需要密码"');
  expect(locked).not.toMatch(/og:[a-z]+" content="[^"]*上线协调/);
  const unlock = (password: string) =>
    fetch(`${app.base}/api/v1/share-links/${link.token}/unlock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
  expect((await unlock('wrong')).status).toBe(403);
  const ok = await unlock('开会密码1234');
  expect(ok.status).toBe(200);
  const cookie = ok.headers.getSetCookie()[0].split(';')[0];
  expect(await page(link.url, cookie)).toContain('研发部同意排期');
  expect(await page(link.url, `${cookie}x`)).not.toContain('研发部同意排期');
});

test('R6 秘密 and 机密 sheets cannot be shared, and raising the level revokes existing links', async () => {
  const secret = (await (await owner.request('POST', '/api/v1/sheets', { title: '机密事项', confidentiality: 'topsecret' })).json()) as { id: string };
  const refused = await owner.request('POST', `/api/v1/sheets/${secret.id}/share-links`, {});
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('confidential');
  const id = await hostileSheet();
  const link = (await (await owner.request('POST', `/api/v1/sheets/${id}/share-links`, {})).json()) as { url: string };
  expect(await page(link.url)).toContain('研发部同意排期');
  expect((await owner.request('PATCH', `/api/v1/sheets/${id}`, { confidentiality: 'secret' })).status).toBe(200);
  const html = await page(link.url);
  expect(html).toContain('share-gone');
  expect(html).not.toContain('研发部同意排期');
  const { links } = (await (await owner.request('GET', `/api/v1/sheets/${id}/share-links`)).json()) as { links: Array<{ state: string }> };
  expect(links.map((l) => l.state)).toEqual(['revoked']);
});

test('X1 exports: Markdown and Word laid out as the template, and a print view; members only', async () => {
  const id = await hostileSheet();
  const md = await owner.request('GET', `/api/v1/sheets/${id}/export?format=md`);
  expect(md.headers.get('content-type')).toContain('text/markdown');
  const text = await md.text();
  for (const label of ['协调事项名称', '发起部门/人', '接收部门/人', '沟通记录', '责任部门/人 + 完成时限', '保密等级', '归档总结 · 经验沉淀']) expect(text).toContain(label);
  expect(text).toContain('研发部同意排期');
  expect(text).toContain('阶段：明确需求');

  const word = await owner.request('GET', `/api/v1/sheets/${id}/export?format=docx`);
  expect(word.headers.get('content-disposition')).toContain('.docx');
  const xml = strFromU8(unzipSync(new Uint8Array(await word.arrayBuffer()))['word/document.xml']);
  expect(xml).toContain('研发部同意排期');
  expect(xml).toContain('责任部门/人 + 完成时限');
  expect(xml).toContain('&lt;script&gt;');

  const print = await owner.request('GET', `/sheets/${id}/print`);
  const html = await print.text();
  expect(html).toContain('data-testid="print-view"');
  expect(html).toContain('研发部同意排期');
  const outsider = new Session(app.base);
  await owner.request('POST', '/api/v1/users', { email: 'outsider@example.com', name: '外人', password: PASSWORD });
  await outsider.signIn('outsider@example.com', PASSWORD);
  expect((await outsider.request('GET', `/api/v1/sheets/${id}/export?format=md`)).status).toBe(404);
});

test('R7 the sheet page carries Open Graph and Twitter tags; its card shows content only for public sheets', async () => {
  const internal = await hostileSheet();
  const html = await (await owner.request('GET', `/sheets/${internal}`)).text();
  expect(html).toMatch(/property="og:image" content="[^"]*\/sheets\/[^"]+\/og"/);
  expect(html).toContain('name="twitter:card" content="summary_large_image"');
  // The document's title names Concord once (the root layout adds it); an internal sheet's title is not told.
  expect(html).toContain('<title>Concord · 跨部门沟通协调表</title>');
  const publicId = ((await (await owner.request('POST', '/api/v1/sheets', { title: '公开事项', confidentiality: 'public' })).json()) as { id: string }).id;
  expect(await (await owner.request('GET', `/sheets/${publicId}`)).text()).toContain('<title>公开事项 · Concord</title>');
  for (const id of [internal, publicId]) {
    const card = await fetch(`${app.base}/sheets/${id}/og`);
    expect(card.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await card.arrayBuffer()).readUInt32BE(16)).toBe(1200);
  }
  const anonymous = await (await fetch(`${app.base}/sheets/${internal}`, { redirect: 'manual' })).text();
  expect(anonymous).not.toContain('研发部同意排期');
});
