import { ImageResponse } from 'next/og';
import { t, type MessageKey } from '@/lib/i18n';
import type { Commands } from '@/server/commands';

const URGENCY_COLOR: Record<string, string> = { urgent: '#c92a2a', normal: '#1971c2', low: '#5c940d' };

/** What a preview card shows of a sheet; null shows only a title that reveals nothing. */
export interface CardFacts {
  title: string;
  urgency: string;
  stage: string;
  dueDate: string | null;
  departments: string[];
}

/**
 * A preview card (Open Graph image), in Chinese as the template is: title, urgency, stage,
 * departments and deadline, readable at chat-preview size. Text is drawn as text, never markup,
 * so hostile titles stay inert.
 */
export async function previewCard(commands: Commands, facts: CardFacts | null, fallbackTitle: string): Promise<Response> {
  const zh = (key: string) => t('zh-CN', key as MessageKey);
  const title = facts ? facts.title || '（未命名）' : fallbackTitle;
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
      {facts ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 22 }}>
          <div style={{ display: 'flex', gap: 16 }}>
            {chip(zh(`urgency.${facts.urgency}`), URGENCY_COLOR[facts.urgency] ?? '#495057')}
            {chip(zh(`stage.${facts.stage}`), '#4353d8')}
            {facts.dueDate ? chip(`${zh('field.dueDate')} ${facts.dueDate}`, '#495057') : null}
          </div>
          <div style={{ display: 'flex', fontSize: 32, color: '#5c6070' }}>{facts.departments.length ? `${zh('share.card.departments')}：${facts.departments.join('、')}` : ' '}</div>
        </div>
      ) : (
        <div style={{ display: 'flex', fontSize: 32, color: '#5c6070' }}>{' '}</div>
      )}
    </div>
  );
  return new ImageResponse(card, { width: 1200, height: 630, fonts: await commands.shareCardFonts(), headers: { 'cache-control': 'no-store' } });
}
