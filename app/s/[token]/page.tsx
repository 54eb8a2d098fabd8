import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { ShareGone } from '@/components/share/ShareGone';
import { SharedDisputes } from '@/components/share/SharedDisputes';
import { SharePassword } from '@/components/share/SharePassword';
import styles from '@/components/share/share.module.css';
import { AppHeader } from '@/components/shell/AppHeader';
import { today, toSheetView } from '@/components/sheet/model';
import { StaticSheet } from '@/components/sheet/StaticSheet';
import { RetrospectiveFacts } from '@/components/tracking/RetrospectiveFacts';
import { formatDate, t, type MessageKey } from '@/lib/i18n';
import { shareCookieName } from '@/lib/share';
import { concord } from '@/server/context';

type Props = { params: Promise<{ token: string }> };

export const dynamic = 'force-dynamic';

async function open(token: string) {
  const jar = await cookies();
  return concord().commands.openShareLink(token, (linkId) => jar.get(shareCookieName(linkId))?.value ?? null);
}

/** Open Graph and Twitter tags, with the preview card as image; a dead link says only that it is dead. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const opened = await open(token);
  const base = concord().config.publicUrl;
  const image = `${base}/s/${token}/og`;
  if (opened.state === 'password') {
    // A chat that unfurls the link shows that it needs a password, on a card that reveals nothing of the sheet.
    const title = t('zh-CN', 'share.password.title');
    return { title, robots: { index: false }, openGraph: { title, url: `${base}/s/${token}`, images: [{ url: image, width: 1200, height: 630 }] }, twitter: { card: 'summary_large_image', title, images: [image] } };
  }
  if (opened.state !== 'ok') return { title: t('zh-CN', 'share.gone.title'), robots: { index: false } };
  const title = opened.sheet.meta.title;
  const description = `${t('zh-CN', `stage.${opened.sheet.stage}` as MessageKey)} · ${t('zh-CN', `urgency.${opened.sheet.meta.urgency}` as MessageKey)}`;
  return {
    // " · Concord" comes from the root layout's template.
    title,
    description,
    robots: { index: false },
    openGraph: { title, description, type: 'article', url: `${base}/s/${token}`, images: [{ url: image, width: 1200, height: 630 }] },
    twitter: { card: 'summary_large_image', title, description, images: [image] },
  };
}

/** A read-only link: the sheet rendered on the server from the stored document; no socket, no sign-in. */
export default async function SharedSheetPage({ params }: Props) {
  const { token } = await params;
  const [locale, opened] = await Promise.all([currentLocale(), open(token)]);
  if (opened.state === 'password') {
    return (
      <main className={`page ${styles.narrow}`}>
        <SharePassword locale={locale} token={token} />
      </main>
    );
  }
  // An unknown token is a 404 (not-found.tsx says so); a revoked or expired link says which.
  if (opened.state === 'unknown') notFound();
  if (opened.state !== 'ok') return <ShareGone locale={locale} state={opened.state} />;
  const view = toSheetView(opened.sheetId, { role: 'viewer', allowed: [], isAdmin: false }, opened.sheet);
  const note = t(locale, 'share.readOnly', { time: formatDate(locale, opened.at, true) });
  return (
    <>
      <AppHeader locale={locale} person={null} />
      <main className={`page ${styles.page}`} data-testid="shared-sheet">
        <p className="read-only-banner" role="note" data-testid="read-only-banner">
          <strong>{t(locale, 'share.banner.title')}</strong>
          <span>{t(locale, 'share.banner.text')}</span>
        </p>
        <div className="page__main">
          <StaticSheet locale={locale} sheet={view} now={today()} readOnlyNote={note} plain />
          <SharedDisputes locale={locale} disputes={opened.sheet.disputes} />
          {opened.retrospective && (
            <section className="panel">
              <RetrospectiveFacts locale={locale} facts={opened.retrospective} kept />
            </section>
          )}
        </div>
      </main>
    </>
  );
}
