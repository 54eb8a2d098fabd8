import { patchDepartmentBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

/** Names a department's head (部门负责人), or clears it with `headId: null` (administrators). */
export const PATCH = route<typeof patchDepartmentBody, { departmentId: string }>({ body: patchDepartmentBody }, async ({ commands, user, params, body }) =>
  commands.setDepartmentHead(user, params.departmentId, body.headId),
);

export const { GET, POST, PUT, DELETE } = otherMethods('PATCH');
