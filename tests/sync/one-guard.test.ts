import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { ERROR_STATUS } from '../../lib/errors';
import type { Role } from '../../lib/policies/roles';
import { readSheet } from '../../lib/sheet/doc';
import { REFUSAL_ERROR, SyncClose, type RefusalReason } from '../../lib/sync/close';
import type { User } from '../../server/store/types';
import { bearer } from '../api/app-process';
import { taskRow } from '../notify/support';
import { commentThread, Harness, until } from '../support/harness';

/**
 * One guard, two entry points (GUARD.md): every rule played by a hostile member through their
 * socket and through the HTTP API, on sheets set up alike, gets the same verdict: the socket is
 * closed with the reason's code, and the request answers the status `REFUSAL_ERROR` gives it,
 * with nothing changed; a change the rules allow goes through both ways.
 */

let h: Harness;
const people = {} as Record<'facilitator' | 'editor' | 'commenter' | 'viewer', User>;
const tokens = new Map<string, string>();

beforeAll(async () => {
  h = await Harness.start({ withNext: true });
  for (const role of ['facilitator', 'editor', 'commenter', 'viewer'] as const) {
    people[role] = await h.user(`${role}-person`);
    tokens.set(people[role].id, await h.ctx.commands.createAccessToken(people[role].id, 'one-guard'));
  }
}, 120_000);
afterAll(() => h?.close());

type Who = keyof typeof people;

interface Rule {
  /** The rule's id and what is tried. */
  name: string;
  /** Who tries it. */
  who: Who;
  /** How the sheet stands first (written by the system, as checked commands would). */
  setup?: (doc: Y.Doc) => void;
  /** The change through the socket. */
  socket: (doc: Y.Doc) => void;
  /** The same change through the HTTP API. */
  http: { method: string; path: (sheetId: string) => string; body?: unknown };
  /** The verdict: a refusal reason, or null when the change is allowed. */
  verdict: RefusalReason | null;
  /** What shows the change landed (checked for allowed changes) or did not (for refused ones). */
  landed: (doc: Y.Doc) => boolean;
}

const thread = (author: Who, fields: Record<string, unknown> = {}) => (doc: Y.Doc) => doc.getMap('comments').set('t1', commentThread('t1', people[author], 'first words', fields));
const withReply = (author: Who, replier: Who) => (doc: Y.Doc) => {
  thread(author)(doc);
  const reply = new Y.Map<unknown>(Object.entries({ id: 't1-m2', authorId: people[replier].id, author: people[replier].name, at: new Date().toISOString(), text: 'a reply' }));
  ((doc.getMap('comments').get('t1') as Y.Map<unknown>).get('messages') as Y.Array<Y.Map<unknown>>).push([reply]);
};
const lockOn = (target: string) => (doc: Y.Doc) => {
  const locks = doc.getMap('control').get('locks') as Y.Map<unknown>;
  locks.set(target, { by: people.facilitator.id, byName: people.facilitator.name, at: new Date().toISOString(), reason: null, mode: 'hard' });
};
const archived = (doc: Y.Doc) => doc.getMap('control').set('stage', 'archived');
const meta = (doc: Y.Doc) => doc.getMap('meta');
const threadOf = (doc: Y.Doc) => doc.getMap('comments').get('t1') as Y.Map<unknown> | undefined;
const messages = (doc: Y.Doc) => (threadOf(doc)?.get('messages') as Y.Array<Y.Map<unknown>> | undefined)?.toArray() ?? [];
const feedbackNote = (who: Who) => (doc: Y.Doc) =>
  doc.getArray('feedback').push([new Y.Map<unknown>(Object.entries({ id: 'f1', taskId: 'r1', at: new Date().toISOString(), author: people[who].name, authorId: people[who].id, text: '进展顺利' }))]);
const aTask = (doc: Y.Doc) => doc.getArray('tasks').push([taskRow({ id: 'r1', task: '用户画像', person: people.editor.name, personId: people.editor.id })]);
/** A task the viewer is responsible for (r2), beside the editor's (r1). */
const viewersTask = (doc: Y.Doc) => {
  aTask(doc);
  doc.getArray('tasks').push([taskRow({ id: 'r2', task: '数据分析', person: people.viewer.name, personId: people.viewer.id })]);
};
const viewerNote = (taskId: string) => (doc: Y.Doc) =>
  doc.getArray('feedback').push([new Y.Map<unknown>(Object.entries({ id: 'f2', taskId, at: new Date().toISOString(), author: people.viewer.name, authorId: people.viewer.id, text: '数据已拿到' }))]);
const taskNo = (doc: Y.Doc, n: number) => doc.getArray('tasks').get(n) as Y.Map<unknown>;
const patch = (body: unknown) => ({ method: 'PATCH', path: (id: string) => `/api/v1/sheets/${id}`, body });
const putRecord = (content: unknown[]) => ({ method: 'PUT', path: (id: string) => `/api/v1/sheets/${id}/sections/record`, body: { doc: { type: 'doc', content } } });
const record = (doc: Y.Doc) => doc.getXmlFragment('record');
const block = (name: string, text: string, attrs: Record<string, unknown> = {}) => {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, [new Y.XmlText(text)]);
  return el;
};
const hasText = (text: string) => (doc: Y.Doc) => record(doc).toString().includes(text);

const RULES: Rule[] = [
  {
    name: 'G1 a viewer writes the record',
    who: 'viewer',
    socket: (doc) => record(doc).insert(0, [block('paragraph', '旁观者的话')]),
    http: putRecord([{ type: 'paragraph', content: [{ type: 'text', text: '旁观者的话' }] }]),
    verdict: 'forbiddenSection',
    landed: hasText('旁观者的话'),
  },
  {
    name: 'L1 an editor writes a locked record',
    who: 'editor',
    setup: lockOn('record'),
    socket: (doc) => record(doc).insert(0, [block('paragraph', '锁定后的话')]),
    http: putRecord([{ type: 'paragraph', content: [{ type: 'text', text: '锁定后的话' }] }]),
    verdict: 'locked',
    landed: hasText('锁定后的话'),
  },
  {
    name: 'V6 an editor writes a script element into the record',
    who: 'editor',
    socket: (doc) => record(doc).insert(0, [block('script', 'alert(1)')]),
    http: putRecord([{ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }]),
    verdict: 'invalidValue',
    landed: hasText('alert(1)'),
  },
  {
    name: 'V7 an editor writes an attribute larger than 8 KB',
    who: 'editor',
    socket: (doc) => record(doc).insert(0, [block('codeBlock', 'x', { language: 'x'.repeat(9000) })]),
    http: putRecord([{ type: 'codeBlock', attrs: { language: 'x'.repeat(9000) }, content: [{ type: 'text', text: 'x' }] }]),
    verdict: 'invalidValue',
    landed: (doc) => record(doc).length > 0,
  },
  {
    name: 'V6 an editor writes a heading (allowed)',
    who: 'editor',
    socket: (doc) => record(doc).insert(0, [block('heading', '会议结论', { level: 2 })]),
    http: putRecord([{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '会议结论' }] }]),
    verdict: null,
    landed: hasText('会议结论'),
  },
  {
    name: 'G1 a viewer changes the title',
    who: 'viewer',
    socket: (doc) => meta(doc).set('title', '改了'),
    http: patch({ title: '改了' }),
    verdict: 'forbiddenSection',
    landed: (doc) => meta(doc).get('title') === '改了',
  },
  {
    name: 'G2 a commenter changes the urgency',
    who: 'commenter',
    socket: (doc) => meta(doc).set('urgency', 'urgent'),
    http: patch({ urgency: 'urgent' }),
    verdict: 'forbiddenSection',
    landed: (doc) => meta(doc).get('urgency') === 'urgent',
  },
  {
    name: 'V1 an editor changes the urgency and the title (allowed)',
    who: 'editor',
    socket: (doc) => {
      meta(doc).set('urgency', 'urgent');
      meta(doc).set('title', '新标题');
    },
    http: patch({ urgency: 'urgent', title: '新标题' }),
    verdict: null,
    landed: (doc) => meta(doc).get('urgency') === 'urgent' && meta(doc).get('title') === '新标题',
  },
  {
    name: 'V2 an editor lowers the confidentiality level to 公开',
    who: 'editor',
    socket: (doc) => meta(doc).set('confidentiality', 'public'),
    http: patch({ confidentiality: 'public' }),
    verdict: 'forbiddenSection',
    landed: (doc) => meta(doc).get('confidentiality') === 'public',
  },
  {
    name: 'V2 the facilitator changes the confidentiality level (allowed)',
    who: 'facilitator',
    socket: (doc) => meta(doc).set('confidentiality', 'public'),
    http: patch({ confidentiality: 'public' }),
    verdict: null,
    landed: (doc) => meta(doc).get('confidentiality') === 'public',
  },
  {
    name: 'V8 an editor makes themself the tracker (跟踪人)',
    who: 'editor',
    socket: (doc) => meta(doc).set('tracker', { department: '工程部', person: people.editor.name }),
    http: patch({ tracker: { department: '工程部', person: 'editor-person' } }),
    verdict: 'forbiddenSection',
    landed: (doc) => (meta(doc).get('tracker') as { person?: string } | null)?.person === people.editor.name,
  },
  {
    name: 'V8 an editor makes themself the initiator (发起人)',
    who: 'editor',
    socket: (doc) => meta(doc).set('initiator', { department: '工程部', person: people.editor.name }),
    http: patch({ initiator: { department: '工程部', person: 'editor-person' } }),
    verdict: 'forbiddenSection',
    landed: (doc) => (meta(doc).get('initiator') as { person?: string } | null)?.person === people.editor.name,
  },
  {
    name: 'V8 the initiating editor chooses the tracker (allowed)',
    who: 'editor',
    setup: (doc) => meta(doc).set('initiator', { department: '工程部', person: 'editor-person', personId: people.editor.id }),
    socket: (doc) => meta(doc).set('tracker', { department: '数据部', person: '赵六' }),
    http: patch({ tracker: { department: '数据部', person: '赵六' } }),
    verdict: null,
    landed: (doc) => (meta(doc).get('tracker') as { person?: string } | null)?.person === '赵六',
  },
  {
    name: 'L1 an editor changes locked basic information',
    who: 'editor',
    setup: lockOn('meta'),
    socket: (doc) => meta(doc).set('title', '改了'),
    http: patch({ title: '改了' }),
    verdict: 'locked',
    landed: (doc) => meta(doc).get('title') === '改了',
  },
  {
    name: 'A1 the facilitator changes an archived sheet',
    who: 'facilitator',
    setup: archived,
    socket: (doc) => meta(doc).set('title', '改了'),
    http: patch({ title: '改了' }),
    verdict: 'archived',
    landed: (doc) => meta(doc).get('title') === '改了',
  },
  {
    name: 'A1 a commenter comments on an archived sheet',
    who: 'commenter',
    setup: (doc) => {
      thread('facilitator')(doc);
      archived(doc);
    },
    socket: (doc) => (threadOf(doc)!.get('messages') as Y.Array<Y.Map<unknown>>).push([reply('commenter')]),
    http: { method: 'POST', path: (id) => `/api/v1/sheets/${id}/comments`, body: { threadId: 't1', text: 'a reply' } },
    verdict: 'archived',
    landed: (doc) => messages(doc).length > 1,
  },
  {
    name: 'C2 an editor rewrites the facilitator’s comment',
    who: 'editor',
    setup: thread('facilitator'),
    socket: (doc) => messages(doc)[0].set('text', '改写'),
    http: { method: 'PATCH', path: (id) => `/api/v1/sheets/${id}/comments/t1/messages/t1-m1`, body: { text: '改写' } },
    verdict: 'forbiddenSection',
    landed: (doc) => messages(doc)[0]?.get('text') === '改写',
  },
  {
    name: 'C2 a commenter rewrites their own comment (allowed)',
    who: 'commenter',
    setup: thread('commenter'),
    socket: (doc) => messages(doc)[0].set('text', '改写'),
    http: { method: 'PATCH', path: (id) => `/api/v1/sheets/${id}/comments/t1/messages/t1-m1`, body: { text: '改写' } },
    verdict: null,
    landed: (doc) => messages(doc)[0]?.get('text') === '改写',
  },
  {
    name: 'C2 an editor removes the facilitator’s comment',
    who: 'editor',
    setup: thread('facilitator'),
    socket: (doc) => (threadOf(doc)!.get('messages') as Y.Array<unknown>).delete(0, 1),
    http: { method: 'DELETE', path: (id) => `/api/v1/sheets/${id}/comments/t1/messages/t1-m1` },
    verdict: 'forbiddenSection',
    landed: (doc) => messages(doc).length === 0,
  },
  {
    name: 'C2 a commenter removes their thread that holds another’s reply',
    who: 'commenter',
    setup: withReply('commenter', 'editor'),
    socket: (doc) => doc.getMap('comments').delete('t1'),
    http: { method: 'DELETE', path: (id) => `/api/v1/sheets/${id}/comments/t1` },
    verdict: 'forbiddenSection',
    landed: (doc) => threadOf(doc) === undefined,
  },
  {
    name: 'C3 a commenter resolves the facilitator’s thread',
    who: 'commenter',
    setup: thread('facilitator'),
    socket: (doc) => threadOf(doc)!.set('status', 'resolved'),
    http: { method: 'PATCH', path: (id) => `/api/v1/sheets/${id}/comments/t1`, body: { status: 'resolved' } },
    verdict: 'forbiddenSection',
    landed: (doc) => threadOf(doc)?.get('status') === 'resolved',
  },
  {
    name: 'C3 a commenter resolves their own thread (allowed)',
    who: 'commenter',
    setup: thread('commenter'),
    socket: (doc) => threadOf(doc)!.set('status', 'resolved'),
    http: { method: 'PATCH', path: (id) => `/api/v1/sheets/${id}/comments/t1`, body: { status: 'resolved' } },
    verdict: null,
    landed: (doc) => threadOf(doc)?.get('status') === 'resolved',
  },
  {
    name: 'L1 an editor posts progress into a locked feedback log',
    who: 'editor',
    setup: (doc) => {
      aTask(doc);
      lockOn('feedback')(doc);
    },
    socket: feedbackNote('editor'),
    http: { method: 'POST', path: (id) => `/api/v1/sheets/${id}/feedback`, body: { rowId: 'r1', text: '进展顺利' } },
    verdict: 'locked',
    landed: (doc) => doc.getArray('feedback').length > 0,
  },
  {
    name: 'V4 an editor posts progress in their own name (allowed)',
    who: 'editor',
    setup: aTask,
    socket: feedbackNote('editor'),
    http: { method: 'POST', path: (id) => `/api/v1/sheets/${id}/feedback`, body: { rowId: 'r1', text: '进展顺利' } },
    verdict: null,
    landed: (doc) => doc.getArray('feedback').length > 0,
  },
  {
    name: 'L2 the responsible person changes a task’s status in a locked table (allowed)',
    who: 'editor',
    setup: (doc) => {
      aTask(doc);
      lockOn('tasks')(doc);
    },
    socket: (doc) => (doc.getArray('tasks').get(0) as Y.Map<unknown>).set('status', 'done'),
    http: { method: 'POST', path: (id) => `/api/v1/sheets/${id}/feedback`, body: { rowId: 'r1', text: '完成', status: 'done' } },
    verdict: null,
    landed: (doc) => (doc.getArray('tasks').get(0) as Y.Map<unknown>).get('status') === 'done',
  },
  {
    name: 'V11 a viewer responsible for a task posts progress on it and sets its status (allowed)',
    who: 'viewer',
    setup: viewersTask,
    socket: (doc) => {
      viewerNote('r2')(doc);
      taskNo(doc, 1).set('status', 'in_progress');
    },
    http: { method: 'POST', path: (id) => `/api/v1/sheets/${id}/feedback`, body: { rowId: 'r2', text: '数据已拿到', status: 'in_progress' } },
    verdict: null,
    landed: (doc) => doc.getArray('feedback').length > 0 && taskNo(doc, 1).get('status') === 'in_progress',
  },
  {
    name: 'V11 a viewer posts progress on someone else’s task',
    who: 'viewer',
    setup: viewersTask,
    socket: viewerNote('r1'),
    http: { method: 'POST', path: (id) => `/api/v1/sheets/${id}/feedback`, body: { rowId: 'r1', text: '数据已拿到' } },
    verdict: 'forbiddenSection',
    landed: (doc) => doc.getArray('feedback').length > 0,
  },
  {
    name: 'V11 a viewer responsible for a task changes more of it than its status',
    who: 'viewer',
    setup: viewersTask,
    socket: (doc) => taskNo(doc, 1).set('deadline', '2030-01-01'),
    http: patch({ urgency: 'urgent' }),
    verdict: 'forbiddenSection',
    landed: (doc) => taskNo(doc, 1).get('deadline') === '2030-01-01' || meta(doc).get('urgency') === 'urgent',
  },
];

function reply(who: Who): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries({ id: `m-${who}`, authorId: people[who].id, author: people[who].name, at: new Date().toISOString(), text: 'a reply' }));
}

/** A fresh sheet with one member of each role, set up as the rule needs. */
async function sheetFor(rule: Rule): Promise<string> {
  const roles: Array<[User, Role]> = (['editor', 'commenter', 'viewer'] as const).map((r) => [people[r], r]);
  const sheetId = await h.sheet(people.facilitator, roles);
  if (rule.setup) await h.ctx.sync.withRoom(sheetId, (room) => room.changeAsSystem(rule.setup!));
  return sheetId;
}

describe.each(RULES)('$name', (rule) => {
  test('through the socket', async () => {
    const sheetId = await sheetFor(rule);
    const peer = await h.rawPeer(people[rule.who], sheetId);
    await peer.synced;
    peer.write(rule.socket);
    if (rule.verdict) {
      expect(await peer.closed).toBe(SyncClose[rule.verdict]);
      expect(rule.landed(await h.stored(sheetId))).toBe(false);
    } else {
      await h.ctx.sync.withRoom(sheetId, (room) => until(() => rule.landed(room.doc), 5000, 'the allowed change'));
      expect(rule.landed(await h.stored(sheetId))).toBe(true);
      peer.ws.close();
    }
  });

  test('through the HTTP API', async () => {
    const sheetId = await sheetFor(rule);
    const request = bearer(h.baseUrl, tokens.get(people[rule.who].id)!);
    const res = await request(rule.http.method, rule.http.path(sheetId), rule.http.body);
    if (rule.verdict) {
      expect(res.status, await res.text()).toBe(ERROR_STATUS[REFUSAL_ERROR[rule.verdict]]);
      expect(rule.landed(await h.stored(sheetId))).toBe(false);
    } else {
      expect(res.status, await res.text()).toBeLessThan(300);
      expect(rule.landed(await h.stored(sheetId))).toBe(true);
    }
    // Whatever the verdict, the sheet still reads.
    expect(readSheet(await h.stored(sheetId)).meta).toBeTruthy();
  });
});
