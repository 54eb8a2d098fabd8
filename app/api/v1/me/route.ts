import { otherMethods, route } from '@/server/http/route';

/** The caller. */
export const GET = route({ body: null }, async ({ user }) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  departmentName: user.departmentName,
  isAdmin: user.isAdmin,
  headOf: user.headOf,
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
