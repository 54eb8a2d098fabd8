import { setupBody } from '@/lib/api/schemas';
import { created, otherMethods, route } from '@/server/http/route';

/** First run: creates the first administrator while no account exists. */
export const POST = route({ body: setupBody, public: true }, async ({ commands, body }) => {
  const user = await commands.setupFirstAdmin(body);
  return created({ id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
