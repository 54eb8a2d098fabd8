import { createUserBody } from '@/lib/api/schemas';
import { created, route } from '@/server/http/route';

/** The directory of people, for choosing members, initiators and trackers. */
export const GET = route({ body: null }, async ({ ctx }) => ({
  users: (await ctx.store.people.listUsers()).map(({ id, email, name, departmentName, isAdmin }) => ({ id, email, name, departmentName, isAdmin })),
}));

/** Adds a person (administrators). */
export const POST = route({ body: createUserBody }, async ({ commands, user, body }) => {
  const added = await commands.addUser(user, body);
  return created({ id: added.id, email: added.email, name: added.name, departmentName: added.departmentName, isAdmin: added.isAdmin });
});
