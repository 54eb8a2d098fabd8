import { previewCard } from '@/components/share/PreviewCard';
import { concord } from '@/server/context';

/**
 * The preview card of a sheet's own address, as pasted in chat. Chat services fetch it without
 * signing in, so it shows the sheet only when it is marked 公开 (public); otherwise a card that
 * reveals nothing but that it is a Concord sheet.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { commands } = concord();
  return previewCard(commands, await commands.publicCard(id), '协调表 · 登录后查看');
}
