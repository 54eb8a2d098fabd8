import { addMemberBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

type Params = { id: string };

/** Who has which role on the sheet; every member may see it. */
export const GET = route<null, Params>({ body: null }, async ({ commands, user, params }) => ({
  members: await commands.listMembers(user, params.id),
}));

/**
 * Adds a member or changes their role (facilitator): `{ email, role }` or `{ userId, role }` answer
 * the member, `{ department, role }` adds everyone in the department and answers `{ members }`.
 */
export const POST = route<typeof addMemberBody, Params>({ body: addMemberBody }, async ({ commands, user, params, body }) => {
  const members = await commands.addMembers(user, params.id, body);
  if ('department' in body) return created({ members });
  const [member] = members;
  return member.added ? created(member) : member;
});

export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');
