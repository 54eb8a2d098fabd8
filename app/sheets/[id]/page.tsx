import { notFound, redirect } from 'next/navigation';
import { currentLocale } from '@/components/i18n/locale';
import { MembersPanel } from '@/components/sheet/MembersPanel';
import { RecordSection } from '@/components/sheet/RecordSection';
import { StageSteps } from '@/components/sheet/StageSteps';
import { ConfidentialityBadge, UrgencyBadge } from '@/components/sheets/Badges';
import { AppHeader } from '@/components/shell/AppHeader';
import { isAppError } from '@/lib/errors';
import { formatDate, t } from '@/lib/i18n';
import type { Commands } from '@/server/commands';
import { concord } from '@/server/context';
import { sessionUser } from '@/server/http/auth';
import type { User } from '@/server/store/types';
import { colorOf } from '@/server/sync/identity';

type Sheet = Awaited<ReturnType<Commands['getSheet']>>;

/** A sheet where its members can read it. Outsiders get "not found" so its existence does not leak. */
async function loadSheet(user: User, id: string): Promise<Sheet> {
  try {
    return await concord().commands.getSheet(user, id);
  } catch (err) {
    if (isAppError(err) && (err.code === 'not_found' || err.code === 'forbidden')) notFound();
    throw err;
  }
}

/** One coordination sheet, rendered from the stored document, with 沟通记录 live. */
export default async function SheetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await sessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/sheets/${id}`)}`);
  const [locale, sheet] = await Promise.all([currentLocale(), loadSheet(user, id)]);
  const { meta } = sheet;
  const self = { id: user.id, name: user.name, department: user.departmentName, color: colorOf(user.id) };
  const none = <span className="muted">{t(locale, 'field.none')}</span>;

  return (
    <>
      <AppHeader locale={locale} person={user} />
      <main className="page page--sheet">
        <div className="page__main">
          <header className="sheet-head">
            <p className="sheet-head__eyebrow">{t(locale, 'field.title')}</p>
            <h1 className="page__title" data-testid="sheet-title">
              {meta.title}
            </h1>
            <StageSteps locale={locale} stage={sheet.stage} />
            <dl className="facts">
              <div>
                <dt>{t(locale, 'field.urgency')}</dt>
                <dd>
                  <UrgencyBadge locale={locale} urgency={meta.urgency} />
                </dd>
              </div>
              <div>
                <dt>{t(locale, 'field.confidentiality')}</dt>
                <dd>
                  <ConfidentialityBadge locale={locale} level={meta.confidentiality} />
                </dd>
              </div>
              <div>
                <dt>{t(locale, 'field.dueDate')}</dt>
                <dd>{meta.dueDate ? formatDate(locale, meta.dueDate) : none}</dd>
              </div>
              <div>
                <dt>{t(locale, 'field.initiator')}</dt>
                <dd>{meta.initiator ? `${meta.initiator.department} · ${meta.initiator.person}` : none}</dd>
              </div>
            </dl>
          </header>
          <RecordSection
            locale={locale}
            sheetId={sheet.id}
            self={self}
            role={sheet.role!}
            initialDoc={sheet.record.json}
            initialControl={{ locked: 'record' in sheet.locks, archived: sheet.stage === 'archived' }}
          />
        </div>
        <aside className="page__aside">
          <MembersPanel locale={locale} sheetId={sheet.id} members={sheet.members} canManage={sheet.allowed.includes('manageMembers')} />
        </aside>
      </main>
    </>
  );
}
