import type { ReactNode } from 'react';
import { ConfidentialityBadge, UrgencyBadge } from '../sheets/Badges';
import { formatDate, t, type Locale } from '@/lib/i18n';
import type { Stage } from '@/lib/sheet/fields';
import type { MetaView } from './model';
import { StageSteps } from './StageSteps';

/** The sheet's title, stage and key facts, at the top of the page (live once the sheet has synced); `actions` under the stages. */
export function SheetHead({ locale, meta, stage, actions }: { locale: Locale; meta: MetaView; stage: Stage; actions?: ReactNode }) {
  return (
    <header className="sheet-head">
      <p className="sheet-head__eyebrow">{t(locale, 'field.title')}</p>
      <h1 className="page__title" data-testid="sheet-title">
        {meta.title || <span className="muted">{t(locale, 'field.none')}</span>}
      </h1>
      <StageSteps locale={locale} stage={stage} />
      {actions}
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
          <dd>{meta.dueDate ? formatDate(locale, meta.dueDate) : <span className="muted">{t(locale, 'field.none')}</span>}</dd>
        </div>
      </dl>
    </header>
  );
}
