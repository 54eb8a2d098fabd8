import type { Actor, SheetAccess } from '../../lib/policies';
import type { Concord } from '../context';

/** A person's access to a sheet, loaded from the store; `role` is null for outsiders and unknown sheets. */
export async function accessTo(ctx: Concord, actor: Actor, sheetId: string): Promise<SheetAccess> {
  return { actor, role: await ctx.store.sheets.roleOf(sheetId, actor.id) };
}

/** URL of a sheet's page. */
export function sheetUrl(ctx: Concord, sheetId: string): string {
  return `${ctx.config.publicUrl}/sheets/${sheetId}`;
}
