import type { ReactNode } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { PART_HINT, PART_TITLE, type SheetPart } from './model';
import type { PresencePerson } from './LiveStatus';

/**
 * One part of the sheet: its heading in the template's words, who is in it right now, why it is
 * locked (if it is) and the facilitator's lock switch, then its body. `data-section` is what presence and "follow" point at.
 */
export function SectionFrame(props: { locale: Locale; part: SheetPart; people: PresencePerson[]; note: ReactNode; actions?: ReactNode; focus?: boolean; children: ReactNode }) {
  const { locale, part, people, note } = props;
  const titleId = `section-${part.replace('.', '-')}`;
  const hint = PART_HINT[part];
  return (
    <section className={`panel sheet-section${props.focus ? ' is-focus' : ''}`} data-section={part} aria-labelledby={titleId}>
      <header className="sheet-section__header">
        <div>
          <h2 id={titleId} className="panel__title">
            {t(locale, PART_TITLE[part])}
          </h2>
          {hint && <p className="panel__hint">{t(locale, hint)}</p>}
        </div>
        {people.length > 0 && (
          <ul className="avatar-stack" aria-label={t(locale, 'section.here')}>
            {people.map((p) => (
              <li key={p.id} className={`avatar${p.typing ? ' is-typing' : ''}`} style={{ ['--person-color' as string]: p.color }} title={p.name}>
                <span aria-hidden="true">{Array.from(p.name)[0]}</span>
                <span className="sr-only">{p.name}</span>
              </li>
            ))}
          </ul>
        )}
        {props.actions}
      </header>
      {note}
      {props.children}
    </section>
  );
}
