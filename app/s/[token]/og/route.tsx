import { previewCard } from '@/components/share/PreviewCard';
import { t } from '@/lib/i18n';
import { concord } from '@/server/context';

/** The preview card of a shared sheet; a dead or password-protected link gets a card that reveals nothing. */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { commands } = concord();
  const opened = await commands.openShareLink(token, () => null);
  if (opened.state !== 'ok') return previewCard(commands, null, t('zh-CN', opened.state === 'password' ? 'share.password.title' : 'share.gone.title'));
  const { meta, stage, recipients } = opened.sheet;
  const departments = Array.from(new Set([meta.initiator?.department, ...recipients.map((r) => (r as { department?: string }).department)].filter((d): d is string => !!d)));
  return previewCard(commands, { title: meta.title, urgency: meta.urgency, stage, dueDate: meta.dueDate, departments }, '');
}
