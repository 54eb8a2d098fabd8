import { otherMethods, route } from '@/server/http/route';

/** Administrators: removes from the rich-text sections what the schema does not accept (content stored before it was enforced). */
export const POST = route<null, { id: string }>({ body: null }, ({ commands, user, params }) => commands.repairSheet(user, params.id));

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
