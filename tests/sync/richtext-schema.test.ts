import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { getSchema } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { LIMITS } from '../../lib/limits';
import { readSheet } from '../../lib/sheet/doc';
import type { RichNode } from '../../lib/sheet/layout';
import { richTextExtensions } from '../../lib/sheet/richtext-editor';
import { SyncClose } from '../../lib/sync/close';
import type { User } from '../../server/store/types';
import { bearer, Session } from '../api/app-process';
import { barrier, Harness, paragraph, until, type Peer } from '../support/harness';

/**
 * GUARD.md V6, V7: a rich-text section holds only the editor's schema, nested and sized within
 * bounds, through the socket and through the HTTP API alike; what was stored before the schema
 * was enforced is read in bounded depth, left out where unknown, and said so (issue 17 §1, §2).
 */

const schema = getSchema(richTextExtensions());
let h: Harness;
let owner: User;
let editor: User;
let editorApi: ReturnType<typeof bearer>;
let ownerApi: ReturnType<typeof bearer>;

beforeAll(async () => {
  h = await Harness.start({ withNext: true });
  owner = await h.user('schema-owner', '客户服务部');
  editor = await h.user('schema-editor', '市场部');
  editorApi = bearer(h.baseUrl, await h.ctx.commands.createAccessToken(editor.id, 'schema'));
  ownerApi = bearer(h.baseUrl, await h.ctx.commands.createAccessToken(owner.id, 'schema'));
}, 120_000);
afterAll(() => h?.close());

/** Every feature of the toolbar, as Tiptap's `getJSON()` gives it. */
const HONEST: RichNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '测试窗口' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: '研发部', marks: [{ type: 'bold' }] },
        { type: 'text', text: '需要' },
        { type: 'text', text: '两周', marks: [{ type: 'italic' }, { type: 'underline' }] },
        { type: 'hardBreak' },
        { type: 'text', text: '见方案', marks: [{ type: 'link', attrs: { href: 'https://example.com/plan', target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null } }] },
        { type: 'text', text: ' npm test', marks: [{ type: 'code' }] },
        { type: 'text', text: '旧方案', marks: [{ type: 'strike' }] },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '用户画像' }] }] }] },
    { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '数据分析' }] }] }] },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: '客服部诉求' }] }] },
    { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'const a = 1;' }] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', attrs: { colspan: 2, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: '部门与负责人' }] }] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: '市场部' }] }] },
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [{ type: 'paragraph', content: [{ type: 'text', text: '王芳' }] }] },
          ],
        },
      ],
    },
  ],
};

const pm = (json: RichNode): PMNode => schema.nodeFromJSON(json);

/** `levels` blockquotes, one inside the other, around a paragraph. */
function nested(levels: number): RichNode {
  let node: RichNode = { type: 'paragraph', content: [{ type: 'text', text: '深' }] };
  for (let i = 0; i < levels; i++) node = { type: 'blockquote', content: [node] };
  return node;
}

/** The same, written from the outside in (as a peer would type it), at the end of the record. */
function writeNested(doc: Y.Doc, levels: number): void {
  doc.transact(() => {
    const record = doc.getXmlFragment('record');
    let parent: Y.XmlFragment | Y.XmlElement = record;
    for (let i = 0; i < levels; i++) {
      const quote = new Y.XmlElement('blockquote');
      parent.insert(parent === record ? record.length : 0, [quote]);
      parent = quote;
    }
    parent.insert(0, [paragraph('深')]);
  });
}

const element = (name: string, attrs: Record<string, unknown> = {}, text = '内容') => {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, [new Y.XmlText(text)]);
  return el;
};
const marked = (marks: Record<string, unknown>) => {
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  p.insert(0, [text]);
  text.insert(0, '点击这里', marks);
  return p;
};

interface Hostile {
  name: string;
  /** Through the socket. */
  socket: (doc: Y.Doc) => void;
  /** The same content as the editor's JSON, through `PUT /api/v1/sheets/:id/sections/record`. */
  json: RichNode[];
}

const HOSTILE: Hostile[] = [
  { name: 'V6 a script element', socket: (d) => d.getXmlFragment('record').insert(0, [element('script', {}, 'alert(1)')]), json: [{ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }] },
  { name: 'V6 an iframe', socket: (d) => d.getXmlFragment('record').insert(0, [element('iframe', { src: 'https://evil.example' })]), json: [{ type: 'iframe', attrs: { src: 'https://evil.example' } }] },
  {
    name: 'V6 an img with onerror',
    socket: (d) => {
      const p = new Y.XmlElement('paragraph');
      const img = new Y.XmlElement('img');
      img.setAttribute('src', 'x');
      img.setAttribute('onerror', 'alert(3)');
      p.insert(0, [img]);
      d.getXmlFragment('record').insert(0, [p]);
    },
    json: [{ type: 'paragraph', content: [{ type: 'img', attrs: { src: 'x', onerror: 'alert(3)' } }] }],
  },
  { name: 'V6 a paragraph with onclick', socket: (d) => d.getXmlFragment('record').insert(0, [element('paragraph', { onclick: 'alert(4)' })]), json: [{ type: 'paragraph', attrs: { onclick: 'alert(4)' }, content: [{ type: 'text', text: '内容' }] }] },
  {
    name: 'V6 a javascript: link',
    socket: (d) => d.getXmlFragment('record').insert(0, [marked({ link: { href: 'javascript:alert(2)' } })]),
    json: [{ type: 'paragraph', content: [{ type: 'text', text: '点击这里', marks: [{ type: 'link', attrs: { href: 'javascript:alert(2)' } }] }] }],
  },
  {
    name: 'V7 a 1 MB attribute',
    socket: (d) => d.getXmlFragment('record').insert(0, [element('codeBlock', { language: 'x'.repeat(1024 * 1024) })]),
    // The HTTP body limit is far below 1 MB: the largest body that fits still exceeds the attribute bound.
    json: [{ type: 'codeBlock', attrs: { language: 'x'.repeat(LIMITS.richTextAttrBytes * 4) }, content: [{ type: 'text', text: 'a' }] }],
  },
  { name: 'V7 2,000 levels of nesting', socket: (d) => writeNested(d, 2000), json: [nested(2000)] },
  { name: 'V6 a node named constructor', socket: (d) => d.getXmlFragment('record').insert(0, [element('constructor')]), json: [{ type: 'constructor', content: [{ type: 'text', text: '内容' }] }] },
  {
    name: 'V6 a mark named hasOwnProperty',
    socket: (d) => d.getXmlFragment('record').insert(0, [marked({ hasOwnProperty: {} })]),
    json: [{ type: 'paragraph', content: [{ type: 'text', text: '点击这里', marks: [{ type: 'hasOwnProperty' }] }] }],
  },
  {
    name: 'V6 a table cell spanning a million columns',
    socket: (d) => {
      const table = new Y.XmlElement('table');
      const row = new Y.XmlElement('tableRow');
      const cell = new Y.XmlElement('tableCell');
      cell.setAttribute('colspan', 1_000_000 as unknown as string);
      cell.insert(0, [paragraph('格')]);
      row.insert(0, [cell]);
      table.insert(0, [row]);
      d.getXmlFragment('record').insert(0, [table]);
    },
    json: [{ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1_000_000 }, content: [{ type: 'paragraph' }] }] }] }],
  },
  { name: 'V6 a heading of level 7', socket: (d) => d.getXmlFragment('record').insert(0, [element('heading', { level: 7 })]), json: [{ type: 'heading', attrs: { level: 7 }, content: [{ type: 'text', text: '内容' }] }] },
  { name: 'V6 text straight in the section', socket: (d) => d.getXmlFragment('record').insert(0, [new Y.XmlText('散落的文字')]), json: [{ type: 'text', text: '散落的文字' }] },
];

describe('honest rich text is never refused (G8)', () => {
  test('every feature of the toolbar, written by the editor’s own binding, is accepted and read back as written', async () => {
    const sheet = await h.sheet(owner, [[editor, 'editor']]);
    const writer = await h.peer(editor, sheet);
    const observer = await h.peer(owner, sheet);
    writer.doc.transact(() => prosemirrorJSONToYXmlFragment(schema, HONEST, writer.doc.getXmlFragment('record')));
    await barrier(writer, observer);
    expect(writer.provider.wsconnected).toBe(true);
    const stored = readSheet(await h.stored(sheet)).record;
    expect(stored.json.omitted).toBeUndefined();
    expect(pm(stored.json).eq(pm(HONEST))).toBe(true);
    expect(stored.text).toContain('研发部需要两周\n见方案 npm test旧方案');
    expect(stored.text).toContain('部门与负责人\n市场部\t王芳');
  });

  test('the same content through PUT /sections/record is accepted, seen live and read back as written', async () => {
    const sheet = await h.sheet(owner, [[editor, 'editor']]);
    const observer = await h.peer(owner, sheet);
    const res = await editorApi('PUT', `/api/v1/sheets/${sheet}/sections/record`, { doc: HONEST });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { section: string; text: string; json: RichNode };
    expect(pm(body.json).eq(pm(HONEST))).toBe(true);
    await until(() => observer.doc.getXmlFragment('record').length === HONEST.content!.length, 5000, 'the HTTP write, live');
    // POST appends; plain text becomes one paragraph per line.
    const appended = await editorApi('POST', `/api/v1/sheets/${sheet}/sections/record`, { text: '补充一：测试环境\n补充二：上线窗口' });
    expect(appended.status).toBe(200);
    expect(((await appended.json()) as { text: string }).text.endsWith('补充一：测试环境\n补充二：上线窗口')).toBe(true);
    const read = (await (await editorApi('GET', `/api/v1/sheets/${sheet}/sections/record`)).json()) as { json: RichNode };
    expect(read.json.content).toHaveLength(HONEST.content!.length + 2);
  });

  test('a section that is not rich text, or JSON that is no ProseMirror JSON, is a clear 4xx', async () => {
    const sheet = await h.sheet(owner, [[editor, 'editor']]);
    expect((await editorApi('PUT', `/api/v1/sheets/${sheet}/sections/tasks`, { text: 'x' })).status).toBe(404);
    expect((await editorApi('PUT', `/api/v1/sheets/${sheet}/sections/constructor`, { text: 'x' })).status).toBe(404);
    for (const doc of [{ type: 'doc', content: [42] }, { type: 'doc', content: [{ type: 'paragraph', content: 'x' }] }, { type: 'doc', content: [{ type: 'text', text: '' }] }, { type: 'nope', content: [] }]) {
      const res = await editorApi('PUT', `/api/v1/sheets/${sheet}/sections/record`, { doc });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });
});

describe.each(HOSTILE)('$name', (hostile) => {
  let sheet: string;
  let observer: Peer;
  beforeAll(async () => {
    sheet = await h.sheet(owner, [[editor, 'editor']]);
    observer = await h.peer(owner, sheet);
    await h.ctx.sync.withRoom(sheet, (room) => room.changeAsSystem((doc) => doc.getXmlFragment('record').insert(0, [paragraph('原有内容')])));
    await until(() => observer.doc.getXmlFragment('record').length === 1, 5000, 'the first paragraph');
  });

  const unchanged = async () => {
    expect(observer.doc.getXmlFragment('record').toString()).toBe('<paragraph>原有内容</paragraph>');
    const stored = readSheet(await h.stored(sheet)).record;
    expect(stored.text).toBe('原有内容');
    expect(stored.json.omitted).toBeUndefined();
  };

  test('is refused through the socket (invalidValue), never stored or forwarded; the server keeps serving', async () => {
    const peer = await h.rawPeer(editor, sheet);
    peer.write(hostile.socket);
    expect(await peer.closed).toBe(SyncClose.invalidValue);
    const honest = await h.peer(editor, sheet);
    await barrier(honest, observer);
    await unchanged();
    honest.doc.getMap('meta').set('title', `still serving ${hostile.name}`);
    await until(() => observer.doc.getMap('meta').get('title') === `still serving ${hostile.name}`, 5000, 'an honest edit after the refusal');
  });

  test('is refused through PUT /sections/record (400 invalidValue), nothing stored', async () => {
    const res = await editorApi('PUT', `/api/v1/sheets/${sheet}/sections/record`, { doc: { type: 'doc', content: hostile.json } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; details?: { reason?: string } } };
    expect(error.code).toBe('invalid_request');
    expect(error.details?.reason).toBe('invalidValue');
    await unchanged();
  });
});

/** A sheet whose record holds what an older server accepted, written to the store directly (no room open yet). */
async function legacySheet(): Promise<string> {
  const sheet = await h.sheet(owner, [[editor, 'editor']]);
  const base = await h.stored(sheet);
  const before = Y.encodeStateVector(base);
  base.transact(() => {
    const record = base.getXmlFragment('record');
    record.insert(0, [paragraph('可以显示的内容')]);
    writeNested(base, 3000);
    record.insert(record.length, [element('constructor'), element('paragraph', { ['__proto__']: 'x', onclick: 'alert(1)' }, '有属性的段落')]);
    record.insert(record.length, [marked({ hasOwnProperty: {}, link: { href: 'javascript:alert(2)' }, bold: {} })]);
  });
  await h.ctx.store.updates.append(sheet, [Y.encodeStateAsUpdate(base, before)]);
  return sheet;
}

/** What a repair leaves: the content the schema accepts, with its formatting, and nothing left out. */
function repaired(json: RichNode): void {
  expect(json.omitted).toBeUndefined();
  const texts = JSON.stringify(json);
  expect(texts).toContain('可以显示的内容');
  expect(texts).toContain('有属性的段落');
  expect(json.content?.at(-1)).toEqual({ type: 'paragraph', content: [{ type: 'text', text: '点击这里', marks: [{ type: 'bold' }] }] });
  expect(texts).not.toMatch(/javascript:|onclick|constructor|hasOwnProperty|深/);
  // Of the 3,000 nested quotes, the levels the schema allows stay.
  expect(texts.split('"blockquote"').length - 1).toBe(LIMITS.richTextDepth);
}

describe('content stored before the schema was enforced', () => {
  let sheet: string;
  beforeAll(async () => {
    sheet = await legacySheet();
  });

  test('the API reads it in bounded depth, leaves out what it cannot show and says how much', async () => {
    const res = await ownerApi('GET', `/api/v1/sheets/${sheet}`);
    expect(res.status).toBe(200);
    const { record } = (await res.json()) as { record: { text: string; json: RichNode } };
    expect(record.text.startsWith('可以显示的内容')).toBe(true);
    expect(record.text).toContain('有属性的段落');
    expect(record.json.omitted).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(record.json)).not.toMatch(/javascript:|onclick|constructor|hasOwnProperty/);
    for (const format of ['md', 'docx']) expect((await ownerApi('GET', `/api/v1/sheets/${sheet}/export?format=${format}`)).status).toBe(200);
  });

  test('the sheet, projector, print and share pages render it with a note instead of a 500', async () => {
    const session = new Session(h.baseUrl);
    expect(await session.signIn(owner.email, 'correct horse battery')).toBe(true);
    const { url } = (await (await ownerApi('POST', `/api/v1/sheets/${sheet}/share-links`, {})).json()) as { url: string };
    const share = new URL(url).pathname;
    for (const path of [`/sheets/${sheet}`, `/sheets/${sheet}/projector`, `/sheets/${sheet}/print`, share]) {
      const res = await session.request('GET', path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain('可以显示的内容');
      expect(html, path).toContain('无法显示');
      expect(html, path).not.toMatch(/href="javascript:/i);
    }
  });

  test('an administrator repairs it live: connected people see the repair, readers have nothing left to leave out', async () => {
    expect((await editorApi('POST', `/api/v1/sheets/${sheet}/repair`)).status).toBe(403);
    const watcher = await h.peer(editor, sheet);
    await h.ctx.store.people.updateUser(owner.id, { isAdmin: true });
    const res = await ownerApi('POST', `/api/v1/sheets/${sheet}/repair`);
    expect(res.status, await res.clone().text()).toBe(200);
    const { removed } = (await res.json()) as { removed: Record<string, { nodes: number; attributes: number; marks: number }> };
    expect(removed.record).toEqual({ nodes: 2, attributes: 2, marks: 2 });
    const { record } = (await (await ownerApi('GET', `/api/v1/sheets/${sheet}`)).json()) as { record: { json: RichNode } };
    repaired(record.json);
    await until(() => !watcher.doc.getXmlFragment('record').toString().includes('深'), 5000, 'the repair, live');
    // The repair is recorded in the sheet's history, and a second one has nothing to do.
    expect(((await (await ownerApi('POST', `/api/v1/sheets/${sheet}/repair`)).json()) as { removed: object }).removed).toEqual({});
  });
});

test('`npm run cli -- sheet repair` repairs a sheet in the store', async () => {
  const sheet = await legacySheet();
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const env = { ...inherited, DATA_DIR: h.dataDir, ...(h.ctx.config.databaseUrl ? { DATABASE_URL: h.ctx.config.databaseUrl } : {}) };
  const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['server/cli.ts', 'sheet', 'repair', '--id', sheet], { env, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('record: removed 2 nodes, 2 attributes, 2 marks');
  repaired(readSheet(await h.stored(sheet)).record.json);
  expect(spawnSync(path.resolve('node_modules/.bin/tsx'), ['server/cli.ts', 'sheet', 'repair', '--id', 'no-such-sheet'], { env, encoding: 'utf8' }).status).toBe(1);
});
