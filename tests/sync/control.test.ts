import { afterAll, beforeAll, expect, test } from 'vitest';
import { readSheet } from '../../lib/sheet/doc';
import { ROLES, type Role } from '../../lib/policies/roles';
import type { User } from '../../server/store/types';
import { SyncClose } from '../../lib/sync/close';
import { barrier, Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h.close());

for (const role of ROLES) {
  test(`G3 G4 a forged control write by a ${role} is refused and never lands`, async () => {
    const owner = await h.user();
    const person = await h.user();
    const other = await h.user();
    const members: Array<[User, Role]> = [[other, 'editor']];
    if (role !== 'facilitator') members.push([person, role]);
    const sheet = await h.sheet(owner, members);
    const writer = await h.peer(owner, sheet);
    const observer = await h.peer(other, sheet);
    const hostile = await h.rawPeer(role === 'facilitator' ? owner : person, sheet);

    hostile.write((doc) => {
      doc.getMap('control').set('stage', 'archived');
      doc.getMap('control').delete('locks');
    });
    expect(await hostile.closed).toBe(SyncClose.controlWrite);

    await barrier(writer, observer);
    expect(readSheet(observer.doc).stage).toBe('draft');
    const stored = readSheet(await h.stored(sheet));
    expect(stored.stage).toBe('draft');
    expect(stored.locks).toEqual({});
  });
}
