import { describe, expect, test } from 'vitest';
import { ROLES } from './roles';
import { canNudge } from './nudge';

const actor = { id: 'u1', isAdmin: false };
const party = (personId?: string) => ({ department: '市场部', person: '张三', ...(personId ? { personId } : {}) });

describe('who may nudge (催办) a responsible person', () => {
  test.each(ROLES)('%s: only the facilitator by role alone', (role) => {
    expect(canNudge({ actor, role }, { tracker: null, initiator: null })).toBe(role === 'facilitator');
  });

  test.each(ROLES)('%s who is the tracker (跟踪人) or the initiator may', (role) => {
    expect(canNudge({ actor, role }, { tracker: party('u1'), initiator: null })).toBe(true);
    expect(canNudge({ actor, role }, { tracker: null, initiator: party('u1') })).toBe(true);
  });

  test('a tracker named without a directory entry, or someone else, gives no right', () => {
    expect(canNudge({ actor, role: 'editor' }, { tracker: party(), initiator: party('u2') })).toBe(false);
  });

  test('an outsider never may, even when named tracker', () => {
    expect(canNudge({ actor, role: null }, { tracker: party('u1'), initiator: null })).toBe(false);
  });
});
