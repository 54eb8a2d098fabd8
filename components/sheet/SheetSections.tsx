import type { ReactNode } from 'react';
import type { Locale } from '@/lib/i18n';
import type { PresencePerson } from './LiveStatus';
import { PART_ORDER, type SheetPart } from './model';
import { SectionFrame } from './SectionFrame';

/** Every part of the sheet in the template's order, each in its frame; the caller supplies each body. */
export function SheetSections(props: {
  locale: Locale;
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
  return (
    <div className="sheet-sections">
      {sheetNote && (
        <p className="read-only-note" data-testid="read-only">
          {sheetNote}
        </p>
      )}
      {PART_ORDER.map((part) => (
        <SectionFrame key={part} locale={locale} part={part} note={note(part)} actions={props.actions?.(part)} people={people.filter((p) => p.section === part)} focus={focus === part}>
          {body(part)}
        </SectionFrame>
      ))}
    </div>
  );
}
