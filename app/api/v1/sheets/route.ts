import { createSheetBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** My sheets. */
export const GET = route({ body: null }, async ({ commands, user }) => ({ sheets: await commands.listSheets(user) }));

/** Creates a sheet; the caller becomes its facilitator. */
export const POST = route({ body: createSheetBody }, async ({ commands, user, body }) => created(await commands.createSheet(user, body)));

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
