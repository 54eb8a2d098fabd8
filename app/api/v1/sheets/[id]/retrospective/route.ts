import { otherMethods, route } from '@/server/http/route';

/** Facts for the retrospective (归档总结): kept with the sheet when archived, as they stand now before. */
export const GET = route<null, { id: string }>({ body: null }, async ({ commands, user, params }) => commands.retrospective(user, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
