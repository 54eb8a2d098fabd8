import { stageBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

/** Moves the sheet to another stage, after the template's entry rules (facilitator; reopening: administrators). */
export const POST = route<typeof stageBody, { id: string }>({ body: stageBody }, ({ commands, user, params, body }) =>
  commands.changeStage(user, params.id, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
