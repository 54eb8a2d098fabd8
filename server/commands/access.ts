import { authorize, type Actor, type SheetAccess } from '../../lib/policies';
import type { Services } from '../services';
import type { Writer } from '../sync/guard';
import type { Person } from './history';

/** A person's access to a sheet, loaded from the store; `role` is null for outsiders and unknown sheets. */
export async function accessTo(ctx: Services, actor: Actor, sheetId: string): Promise<SheetAccess> {
  return { actor, role: await ctx.store.sheets.roleOf(sheetId, actor.id) };
}

/** URL of a sheet's page. */
export function sheetUrl(ctx: Services, sheetId: string): string {
  return `${ctx.config.publicUrl}/sheets/${sheetId}`;
}

/**
 * The writer a command's change to the live document is judged as (GUARD.md, one guard): the
 * person in their current role, over HTTP. Outsiders are told the sheet does not exist.
 */
export async function writerOn(ctx: Services, actor: Person, sheetId: string): Promise<Writer> {
  const access = await accessTo(ctx, actor, sheetId);
  authorize(access, 'view');
  return { userId: actor.id, name: actor.name, role: access.role!, entry: 'http' };
}
