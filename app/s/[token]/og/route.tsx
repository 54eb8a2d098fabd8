import { ImageResponse } from 'next/og';
import { t, type MessageKey } from '@/lib/i18n';
import { concord } from '@/server/context';

const URGENCY_COLOR: Record<string, string> = { urgent: '#c92a2a', normal: '#1971c2', low: '#5c940d' };

/**
 * The preview card of a shared sheet, in Chinese as the template is: title, urgency, stage,
 * departments and deadline, readable at chat-preview size. Text is drawn as text, never markup,
 * so hostile titles stay inert. A dead or password-protected link gets a card that reveals nothing.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { commands } = concord();
  const [opened, fonts] = await Promise.all([commands.openShareLink(token, () => null), commands.shareCardFonts()]);
  const zh = (key: string) => t('zh-CN', key as MessageKey);
  const sheet = opened.state === 'ok' ? opened.sheet : null;
  const title = sheet ? sheet.meta.title || '（未命名）' : opened.state === 'password' ? zh('share.password.title') : zh('share.gone.title');
  const departments = sheet ? Array.from(new Set([sheet.meta.initiator?.department, ...sheet.recipients.map((r) => (r as { department?: string }).department)].filter(Boolean))) : [];
  const chip = (text: string, color: string) => (
    <div style={{ display: 'flex', padding: '8px 22px', borderRadius: 999, background: color, color: 'white', fontSize: 34 }}>{text}</div>
  );
  const card = (
    <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', padding: '56px 64px', background: '#f8f9fb', fontFamily: 'Noto Sans SC', color: '#1f2330' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, fontSize: 30, color: '#5c6070' }}>
        <div style={{ display: 'flex', width: 48, height: 48, borderRadius: 10, background: '#4353d8', color: 'white', alignItems: 'center', justifyContent: 'center', fontSize: 30 }}>C</div>
        Concord · 跨部门沟通协调表
      </div>
      <div style={{ display: 'flex', fontSize: title.length > 24 ? 54 : 68, lineHeight: 1.25, maxHeight: 260, overflow: 'hidden' }}>{title}</div>
      {sheet ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 22 }}>
          <div style={{ display: 'flex', gap: 16 }}>
            {chip(zh(`urgency.${sheet.meta.urgency}`), URGENCY_COLOR[sheet.meta.urgency] ?? '#495057')}
            {chip(zh(`stage.${sheet.stage}`), '#4353d8')}
            {sheet.meta.dueDate ? chip(`${zh('field.dueDate')} ${sheet.meta.dueDate}`, '#495057') : null}
          </div>
          <div style={{ display: 'flex', fontSize: 32, color: '#5c6070' }}>{departments.length ? `${zh('share.card.departments')}：${departments.join('、')}` : ' '}</div>
        </div>
      ) : (
        <div style={{ display: 'flex', fontSize: 32, color: '#5c6070' }}>{' '}</div>
      )}
    </div>
  );
  return new ImageResponse(card, { width: 1200, height: 630, fonts, headers: { 'cache-control': 'no-store' } });
}
