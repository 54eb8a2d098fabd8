import { createDepartmentBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** Every department. */
export const GET = route({ body: null }, async ({ ctx }) => ({ departments: await ctx.store.people.listDepartments() }));

/** Adds a department (administrators). */
export const POST = route({ body: createDepartmentBody }, async ({ commands, user, body }) => created(await commands.addDepartment(user, body.name)));

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
