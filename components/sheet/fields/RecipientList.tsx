'use client';

import { t, type Locale } from '@/lib/i18n';
import type { DirectoryPerson, RecipientView } from '../model';
import { DraftInput } from './DraftInput';
import { PersonCombobox } from './PersonCombobox';
import { RowMoveButtons } from './RowMoveButtons';

/** Writes to the receiving parties; absent when the list is read-only. */
export interface RecipientEdits {
  add: () => void;
  set: (id: string, patch: Partial<RecipientView>) => void;
  move: (id: string, to: number) => void;
  remove: (id: string) => void;
}

/** 接收部门/人: the ordered list of receiving departments and their contacts; `plain` draws it as text (a view nobody writes in). */
export function RecipientList({ locale, recipients, directory, edits, plain = false }: { locale: Locale; recipients: RecipientView[]; directory: DirectoryPerson[]; edits?: RecipientEdits; plain?: boolean }) {
  if (plain) {
    return recipients.length === 0 ? (
      <p className="muted">{t(locale, 'editor.noRecipients')}</p>
    ) : (
      <ol className="plain-list" data-testid="recipients">
        {recipients.map((r) => (
          <li key={r.id} data-row-id={r.id}>
            {[r.department, r.contact].filter(Boolean).join(' · ') || t(locale, 'field.none')}
          </li>
        ))}
      </ol>
    );
  }
  return (
    <div className="recipients">
      {recipients.length === 0 && <p className="muted">{t(locale, 'editor.noRecipients')}</p>}
      <ol className="recipients__list" data-testid="recipients">
        {recipients.map((r, i) => {
          const rowLabel = t(locale, 'editor.recipientN', { n: i + 1 });
          return (
            <li key={r.id} className="recipients__row" data-row-id={r.id}>
              <span className="recipients__index" aria-hidden="true">
                {i + 1}
              </span>
              <DraftInput aria-label={`${rowLabel} · ${t(locale, 'editor.department')}`} placeholder={t(locale, 'editor.department')} value={r.department} onCommit={edits && ((department) => edits.set(r.id, { department }))} />
              <PersonCombobox
                locale={locale}
                label={`${rowLabel} · ${t(locale, 'editor.contact')}`}
                value={r.contact}
                directory={directory}
                onPick={edits && ((p) => edits.set(r.id, { contact: p.name, ...(p.departmentName && !r.department ? { department: p.departmentName } : {}) }))}
                onText={edits && ((contact) => edits.set(r.id, { contact }))}
              />
              {edits && <RowMoveButtons locale={locale} rowLabel={rowLabel} index={i} count={recipients.length} onMove={(to) => edits.move(r.id, to)} onRemove={() => edits.remove(r.id)} />}
            </li>
          );
        })}
      </ol>
      {edits && (
        <button type="button" className="button button--small" onClick={edits.add}>
          + {t(locale, 'editor.addRecipient')}
        </button>
      )}
    </div>
  );
}
