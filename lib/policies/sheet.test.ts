import { describe, expect, test } from 'vitest';
import { AppError } from '../errors';
import { SECTIONS, type Section } from '../sheet/layout';
import { ROLES, roleAtLeast, type Role } from './roles';
import { allowedActions, authorize, can, writableSections, type SheetAction } from './sheet';

const actor = { id: 'u1', isAdmin: false };
const access = (role: Role | null) => ({ actor, role });

// role x action: what each role may do (x = allowed).
const TABLE: Record<SheetAction, Record<Role | 'none', boolean>> = {
  view: { facilitator: true, editor: true, commenter: true, viewer: true, none: false },
  comment: { facilitator: true, editor: true, commenter: true, viewer: true, none: false },
  edit: { facilitator: true, editor: true, commenter: false, viewer: false, none: false },
  editMeta: { facilitator: true, editor: true, commenter: false, viewer: false, none: false },
  manageMembers: { facilitator: true, editor: false, commenter: false, viewer: false, none: false },
  lock: { facilitator: true, editor: false, commenter: false, viewer: false, none: false },
  changeStage: { facilitator: true, editor: false, commenter: false, viewer: false, none: false },
  share: { facilitator: true, editor: false, commenter: false, viewer: false, none: false },
};

describe('can', () => {
  for (const [action, byRole] of Object.entries(TABLE) as Array<[SheetAction, Record<Role | 'none', boolean>]>) {
    for (const [role, allowed] of Object.entries(byRole) as Array<[Role | 'none', boolean]>) {
      test(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(access(role === 'none' ? null : role), action)).toBe(allowed);
      });
    }
  }

  test('an administrator who is not a member may do nothing on the sheet', () => {
    expect(allowedActions({ actor: { id: 'admin', isAdmin: true }, role: null })).toEqual([]);
  });
});

test('allowedActions lists exactly the allowed actions of each role', () => {
  for (const role of ROLES) {
    const expected = (Object.keys(TABLE) as SheetAction[]).filter((a) => TABLE[a][role]);
    expect(allowedActions(access(role)).sort()).toEqual(expected.sort());
  }
});

describe('authorize', () => {
  const codeOf = (fn: () => void) => {
    try {
      fn();
      return null;
    } catch (err) {
      return err instanceof AppError ? err.code : err;
    }
  };
  test('outsiders get not_found so a sheet does not leak', () => {
    expect(codeOf(() => authorize(access(null), 'view'))).toBe('not_found');
  });
  test('members without the action get forbidden', () => {
    expect(codeOf(() => authorize(access('viewer'), 'edit'))).toBe('forbidden');
  });
  test('allowed actions pass', () => {
    expect(codeOf(() => authorize(access('facilitator'), 'lock'))).toBeNull();
  });
});

describe('writableSections (G1, G2, G3)', () => {
  const everyButControl = SECTIONS.filter((s) => s !== 'control');
  const expected: Record<Role, Section[]> = {
    facilitator: everyButControl,
    editor: everyButControl,
    commenter: ['comments'],
    viewer: [],
  };
  for (const role of ROLES) {
    test(`${role} writes ${expected[role].length ? expected[role].join(', ') : 'nothing'}`, () => {
      expect([...writableSections(role)].sort()).toEqual([...expected[role]].sort());
    });
  }
  test('G3 no role writes control', () => {
    for (const role of ROLES) expect(writableSections(role).has('control')).toBe(false);
  });
});

test('roleAtLeast orders roles facilitator > editor > commenter > viewer', () => {
  expect(ROLES.map((a) => ROLES.map((b) => roleAtLeast(a, b)))).toEqual([
    [true, true, true, true],
    [false, true, true, true],
    [false, false, true, true],
    [false, false, false, true],
  ]);
});
