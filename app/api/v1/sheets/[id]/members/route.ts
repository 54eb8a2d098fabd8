import { addMemberBody } from '@/lib/api/schemas';
import { created, route } from '@/server/http/route';

type Params = { id: string };

/** Who has which role on the sheet; every member may see it. */
export const GET = route<null, Params>({ body: null }, async ({ commands, user, params }) => ({
  members: await commands.listMembers(user, params.id),
}));

/** Adds a member or changes their role (facilitator only). */
export const POST = route<typeof addMemberBody, Params>({ body: addMemberBody }, async ({ commands, user, params, body }) => {
  const member = await commands.setMember(user, params.id, body.email, body.role);
  return member.added ? created(member) : member;
});
