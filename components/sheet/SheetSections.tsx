import type { ReactNode } from 'react';
import { t, type Locale } from '@/lib/i18n';
import type { Stage } from '@/lib/sheet/fields';
import type { PresencePerson } from './LiveStatus';
import { PART_ORDER, PART_TITLE, type SheetPart } from './model';
import { SectionFrame } from './SectionFrame';

/** The retrospective (归档总结), written once the work is being tracked. */
const REVIEW_PARTS: readonly SheetPart[] = ['review.outcome', 'review.problems', 'review.lessons'];

/**
 * Every part of the sheet in the template's order, each in its frame; the caller supplies each
 * body. Before 执行跟踪 the retrospective is folded away, so a new sheet is short; it stays one
 * click away for whoever wants to note something early.
 */
export function SheetSections(props: {
  locale: Locale;
  stage: Stage;
  body: (part: SheetPart) => ReactNode;
  /** Why nothing on the sheet is editable (archived, or the person's role), said once above the sections. */
  sheetNote: string | null;
  /** A section's lock in words (LockNote), or nothing. */
  note: (part: SheetPart) => ReactNode;
  /** Controls at the end of a section's heading (the facilitator's lock switch). */
  actions?: (part: SheetPart) => ReactNode;
  people?: PresencePerson[];
  focus?: SheetPart | null;
}) {
  const { locale, body, note, sheetNote, people = [], focus } = props;
  const frame = (part: SheetPart) => (
    <SectionFrame key={part} locale={locale} part={part} note={note(part)} actions={props.actions?.(part)} people={people.filter((p) => p.section === part)} focus={focus === part}>
      {body(part)}
    </SectionFrame>
  );
  const reviewOpen = props.stage === 'executing' || props.stage === 'archived';
  return (
    <div className="sheet-sections">
      {sheetNote && (
        <p className="read-only-note" data-testid="read-only">
          {sheetNote}
        </p>
      )}
      {PART_ORDER.filter((part) => reviewOpen || !REVIEW_PARTS.includes(part)).map(frame)}
      {!reviewOpen && (
        <details className="review-later" data-testid="review-later" open={REVIEW_PARTS.includes(focus as SheetPart) || undefined}>
          <summary className="review-later__summary">
            <span className="review-later__title">{t(locale, 'section.review')}</span>
            <span className="muted">{t(locale, 'section.reviewLater', { parts: REVIEW_PARTS.map((part) => t(locale, PART_TITLE[part])).join(' / ') })}</span>
          </summary>
          <div className="review-later__body">{REVIEW_PARTS.map(frame)}</div>
        </details>
      )}
    </div>
  );
}
