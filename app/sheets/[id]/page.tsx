import { ExportLinks } from '@/components/export/ExportLinks';
import { SharePanel } from '@/components/share/SharePanel';
import { MembersPanel } from '@/components/sheet/MembersPanel';
import { RESTRICTED_CONFIDENTIALITIES } from '@/lib/sheet/fields';
import { SheetEditor } from '@/components/sheet/SheetEditor';
import { AppHeader } from '@/components/shell/AppHeader';
import { GoToHashTarget } from '@/components/notify/GoToHashTarget';
import { loadSheetPage } from './load';
import type { Metadata } from 'next';
import { concord } from '@/server/context';

/** Open Graph and Twitter tags of a sheet's address; the card itself shows content only for public sheets. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const image = `${concord().config.publicUrl}/sheets/${id}/og`;
  const card = await concord().commands.publicCard(id);
  const title = card ? `${card.title} · Concord` : 'Concord · 跨部门沟通协调表';
  return { title, openGraph: { title, images: [{ url: image, width: 1200, height: 630 }] }, twitter: { card: 'summary_large_image', title, images: [image] } };
}

/** One coordination sheet: every section rendered from the stored document, then live. */
export default async function SheetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, locale, sheet, view, self, now } = await loadSheetPage(id, `/sheets/${id}`);
  return (
    <>
      <AppHeader locale={locale} person={user} />
      <main className="page page--sheet">
        <div className="page__main">
          <SheetEditor locale={locale} sheet={view} self={self} projector={false} now={now} />
          <GoToHashTarget />
        </div>
        <aside className="page__aside">
          <MembersPanel locale={locale} sheetId={sheet.id} members={sheet.members} canManage={sheet.allowed.includes('manageMembers')} />
          <ExportLinks locale={locale} sheetId={sheet.id} />
          {sheet.allowed.includes('share') && <SharePanel locale={locale} sheetId={sheet.id} confidential={RESTRICTED_CONFIDENTIALITIES.includes(sheet.meta.confidentiality)} />}
        </aside>
      </main>
    </>
  );
}
