import { patchSheetBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

type Params = { id: string };

/** Every section of the sheet, its members, stage and locks. */
export const GET = route<null, Params>({ body: null }, ({ commands, user, params }) => commands.getSheet(user, params.id));

/** Changes basic-information fields; applied to the live document. */
export const PATCH = route<typeof patchSheetBody, Params>({ body: patchSheetBody }, ({ commands, user, params, body }) =>
  commands.patchSheet(user, params.id, body),
);

export const { POST, PUT, DELETE } = otherMethods('GET', 'PATCH');
