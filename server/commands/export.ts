import type { Locale } from '../../lib/i18n';
import { authorize, type Actor } from '../../lib/policies';
import { readSheet } from '../../lib/sheet/doc';
import { toMarkdown } from '../../lib/sheet/export';
import type { Services } from '../services';
import { toDocx } from '../export/docx';
import { accessTo } from './access';
import { keptFacts } from './retrospective';

/** A sheet exported as Markdown or Word (members); an archived sheet's exports say so. */
export async function exportSheet(ctx: Services, actor: Actor, sheetId: string, format: 'md' | 'docx', locale: Locale) {
  authorize(await accessTo(ctx, actor, sheetId), 'view');
  const sheet = { ...(await ctx.sync.withRoom(sheetId, (room) => readSheet(room.doc))), retrospective: await keptFacts(ctx, sheetId) };
  const at = new Date().toISOString();
  const name = `${sheet.meta.title || sheetId}`.replace(/[\\/:*?"<>|\n]+/g, '_').slice(0, 80);
  if (format === 'md') return { filename: `${name}.md`, contentType: 'text/markdown; charset=utf-8', body: Buffer.from(toMarkdown(sheet, locale, at)) };
  return { filename: `${name}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: await toDocx(sheet, locale, at) };
}
