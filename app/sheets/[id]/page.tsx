import { ExportLinks } from '@/components/export/ExportLinks';
import { SharePanel } from '@/components/share/SharePanel';
import { MembersPanel } from '@/components/sheet/MembersPanel';
import { RESTRICTED_CONFIDENTIALITIES } from '@/lib/sheet/fields';
import { SheetEditor } from '@/components/sheet/SheetEditor';
import { AppHeader } from '@/components/shell/AppHeader';
import { GoToHashTarget } from '@/components/notify/GoToHashTarget';
import { RetrospectiveFacts } from '@/components/tracking/RetrospectiveFacts';
import { TrackingPanel } from '@/components/tracking/TrackingBoard';
import { loadSheetPage } from './load';
import type { Metadata } from 'next';
import { concord } from '@/server/context';
import { t } from '@/lib/i18n';

/** Open Graph and Twitter tags of a sheet's address; the card itself shows content only for public sheets. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const image = `${concord().config.publicUrl}/sheets/${id}/og`;
  const card = await concord().commands.publicCard(id);
  // The document's title gets " · Concord" from the root layout's template; cards read on their own, so theirs carries it.
  const title = card ? `${card.title} · Concord` : 'Concord · 跨部门沟通协调表';
  return {
    title: card ? card.title : { absolute: title },
    openGraph: { title, images: [{ url: image, width: 1200, height: 630 }] },
    twitter: { card: 'summary_large_image', title, images: [image] },
  };
}

/** One coordination sheet: every section rendered from the stored document, then live. */
export default async function SheetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, locale, sheet, view, self, now } = await loadSheetPage(id, `/sheets/${id}`);
  const tracking = sheet.stage === 'executing' ? await concord().commands.sheetTracking(user, id) : null;
  const retrospective = sheet.stage === 'archived' ? (await concord().commands.retrospective(user, id)).facts : null;
  // Those who may nudge (催办): the facilitator, the tracker and the initiator; the server checks again.
  const canNudge = sheet.role === 'facilitator' || [sheet.meta.tracker?.personId, sheet.meta.initiator?.personId].includes(user.id);
  return (
    <>
      <AppHeader locale={locale} person={user} />
      <main className="page page--sheet">
        <div className="page__main">
          <SheetEditor locale={locale} sheet={view} self={self} projector={false} now={now} />
          <GoToHashTarget />
          {retrospective && (
            <section className="panel" aria-label={t(locale, 'section.review')}>
              <RetrospectiveFacts locale={locale} facts={retrospective} kept />
            </section>
          )}
        </div>
        <aside className="page__aside">
          <MembersPanel locale={locale} sheetId={sheet.id} members={sheet.members} canManage={sheet.allowed.includes('manageMembers')} />
          {tracking && <TrackingPanel locale={locale} lists={tracking} canNudge={canNudge} selfId={user.id} />}
          <ExportLinks locale={locale} sheetId={sheet.id} />
          {sheet.allowed.includes('share') && <SharePanel locale={locale} sheetId={sheet.id} confidential={RESTRICTED_CONFIDENTIALITIES.includes(sheet.meta.confidentiality)} />}
        </aside>
      </main>
    </>
  );
}
