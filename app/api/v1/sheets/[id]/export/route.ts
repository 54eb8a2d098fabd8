import { z } from 'zod';
import { LOCALES } from '@/lib/i18n';
import { otherMethods, route } from '@/server/http/route';

const query = z.object({ format: z.enum(['md', 'docx']).default('md'), locale: z.enum(LOCALES).default('zh-CN') });

/** Downloads the sheet as Markdown (`?format=md`) or Word laid out as the template table (`?format=docx`). */
export const GET = route<null, { id: string }>({ body: null }, async ({ commands, user, params, req }) => {
  const { format, locale } = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const file = await commands.exportSheet(user, params.id, format, locale);
  return new Response(new Uint8Array(file.body), {
    headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}` },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
