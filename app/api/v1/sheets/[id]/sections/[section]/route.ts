import { sectionBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

type Params = { id: string; section: string };

/** One rich-text section (背景, 目标, 沟通记录, 协商结果, 备注, …): its plain text and its editor JSON. */
export const GET = route<null, Params>({ body: null }, ({ commands, user, params }) => commands.getSection(user, params.id, params.section));

/** Replaces the section's content, judged by the guard in the caller's name (GUARD.md). */
export const PUT = route<typeof sectionBody, Params>({ body: sectionBody }, ({ commands, user, params, body }) =>
  commands.writeSection(user, params.id, params.section, body, 'replace'),
);

/** Appends to the section's content, judged the same way. */
export const POST = route<typeof sectionBody, Params>({ body: sectionBody }, ({ commands, user, params, body }) =>
  commands.writeSection(user, params.id, params.section, body, 'append'),
);

export const { PATCH, DELETE } = otherMethods('GET', 'PUT', 'POST');
