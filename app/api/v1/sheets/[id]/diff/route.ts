import { diffQuery } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

/** Two versions (or a version and the live sheet) compared section by section. */
export const GET = route<null, { id: string }>({ body: null }, ({ commands, user, params, req }) => {
  const { from, to, locale } = diffQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return commands.compareVersions(user, params.id, from, to, locale);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
