import { z } from 'zod';
import { otherMethods, route } from '@/server/http/route';

/** A kept version, read-only: every section as it was. */
export const GET = route<null, { id: string; versionId: string }>({ body: null }, ({ commands, user, params }) =>
  commands.versionOf(user, params.id, z.coerce.number().int().positive().parse(params.versionId)),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
