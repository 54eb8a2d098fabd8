import { expect, test } from 'vitest';
import { maySetMetaField } from './meta';

const initiator = { department: '市场部', person: '李强', personId: 'li' };

test('V2 V8 the facilitator decides the audience and the follow-up; the initiator may choose the tracker', () => {
  for (const key of ['confidentiality', 'initiator', 'tracker']) expect(maySetMetaField(key, { userId: 'f', role: 'facilitator' }, initiator)).toBe(true);
  expect(maySetMetaField('confidentiality', { userId: 'li', role: 'editor' }, initiator)).toBe(false);
  expect(maySetMetaField('initiator', { userId: 'li', role: 'editor' }, initiator)).toBe(false);
  expect(maySetMetaField('tracker', { userId: 'li', role: 'editor' }, initiator)).toBe(true);
  expect(maySetMetaField('tracker', { userId: 'wang', role: 'editor' }, initiator)).toBe(false);
  expect(maySetMetaField('tracker', { userId: 'wang', role: 'editor' }, { department: '市场部', person: '王五' })).toBe(false);
  expect(maySetMetaField('urgency', { userId: 'wang', role: 'editor' }, null)).toBe(true);
});
