import { expect, test } from 'vitest';
import { departmentsOf, matches, toThreads, type ThreadView, type Viewer } from '../../components/comments/model';

const entry = (authorId: string, fields: Record<string, unknown> = {}) => ({ id: `${authorId}-${Math.random()}`, authorId, author: authorId, at: '2026-10-10T08:00:00.000Z', text: '…', ...fields });
const thread = (id: string, createdAt: string, fields: Record<string, unknown> = {}) => ({ id, section: 'record', createdBy: 'wang', createdByName: '王', createdAt, kind: 'dispute', status: 'open', messages: [], positions: [], solutions: [], ...fields });

const li: Viewer = { id: 'li', name: '李', department: '研发部' };

test('threads are listed oldest first, so the disputes panel orders open points by age', () => {
  const threads = toThreads({ b: thread('b', '2026-10-12T09:00:00.000Z'), a: thread('a', '2026-10-10T09:00:00.000Z'), c: thread('c', '2026-10-11T09:00:00.000Z') });
  expect(threads.map((t) => t.id)).toEqual(['a', 'c', 'b']);
});

test('the departments of a disputed point come from its positions, once each, in the order they spoke', () => {
  const [t] = toThreads({ d: thread('d', '2026-10-10T09:00:00.000Z', { positions: [entry('li', { department: '研发部' }), entry('wang', { department: '市场部' }), entry('li2', { department: '研发部' })] }) });
  expect(departmentsOf(t)).toEqual(['研发部', '市场部']);
});

test('the filters: open, resolved (agreed and dropped too), mine (any word of mine), mentioning me or my department', () => {
  const threads = toThreads({
    person: thread('person', '2026-10-10T09:00:00.000Z', { kind: 'comment', messages: [entry('wang', { mentions: ['li'] })] }),
    dept: thread('dept', '2026-10-10T09:01:00.000Z', { kind: 'comment', status: 'resolved', messages: [entry('wang', { mentions: ['dept:研发部'] })] }),
    other: thread('other', '2026-10-10T09:02:00.000Z', { status: 'agreed', messages: [entry('wang', { mentions: ['dept:市场部'] })], solutions: [entry('li')] }),
    dropped: thread('dropped', '2026-10-10T09:03:00.000Z', { status: 'dropped' }),
  });
  const ids = (pick: (t: ThreadView) => boolean) => threads.filter(pick).map((t) => t.id);
  expect(ids((t) => matches('open', t, li))).toEqual(['person']);
  expect(ids((t) => matches('resolved', t, li))).toEqual(['dept', 'other', 'dropped']);
  expect(ids((t) => matches('mine', t, li))).toEqual(['other']);
  expect(ids((t) => matches('mentions', t, li))).toEqual(['person', 'dept']);
  expect(ids((t) => matches('mentions', t, { ...li, department: null }))).toEqual(['person']);
});
