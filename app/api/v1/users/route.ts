import { createUserBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** The directory of people, for choosing members, initiators and trackers: `?q=` searches name, email and department. */
export const GET = route({ body: null }, async ({ commands, req }) => {
  const limit = Math.min(Math.max(Number(req.nextUrl.searchParams.get('limit')) || 1000, 1), 1000);
  return { users: await commands.searchPeople(req.nextUrl.searchParams.get('q'), limit) };
});

/** Adds a person (administrators). */
export const POST = route({ body: createUserBody }, async ({ commands, user, body }) => {
  const added = await commands.addUser(user, body);
  return created({ id: added.id, email: added.email, name: added.name, departmentName: added.departmentName, isAdmin: added.isAdmin });
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
