'use client';

import { useState } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { THREAD_FIELDS } from '@/lib/sheet/comments';
import { HALT_AFTER_REFUSALS, type Refusal } from './sync/SheetConnection';

/** Sections a comment can be written on: rich text and the tasks table. */
const isCommentable = (section: string) => THREAD_FIELDS.section.safeParse(section).success;

/**
 * Tells the person the server refused their change, why, and gives back the words it did not
 * keep (kept in this browser until dealt with): to copy, or to propose as a comment on the
 * section, where the others see it even though the section is locked. When the same refusal came
 * again and again, that the page stopped reconnecting, and a way to try once more.
 */
export function RefusalNotice(props: {
  locale: Locale;
  refusal: Refusal;
  halted: boolean;
  onDismiss: () => void;
  onResume: () => void;
  /** Proposes a refused piece as a comment on its section (where comments may go); true once posted. */
  onPropose?: (piece: Refusal['pieces'][number], index: number) => Promise<boolean>;
  /** A section's name, as its heading says it. */
  sectionName: (section: Refusal['pieces'][number]['section']) => string;
}) {
  const { locale, refusal, halted, onDismiss, onResume, onPropose, sectionName } = props;
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);
  const proposable = onPropose ? refusal.pieces.map((piece, index) => ({ piece, index })).filter(({ piece }) => isCommentable(piece.section)) : [];
  const propose = async (piece: Refusal['pieces'][number], index: number) => setFailed(!(await onPropose!(piece, index)));
  const copy = async () => {
    if (!refusal.text) return;
    await navigator.clipboard.writeText(refusal.text).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <section className="notice notice--warning" role="alert" data-testid="refusal" data-reason={refusal.reason}>
      <h3 className="notice__title">{t(locale, 'refusal.title')}</h3>
      <p>{t(locale, `refusal.${refusal.reason}`)}</p>
      {halted && (
        <p data-testid="halted">
          <strong>{t(locale, 'refusal.halted', { count: HALT_AFTER_REFUSALS })}</strong>
        </p>
      )}
      {refusal.text === null ? (
        <p className="muted">{t(locale, 'refusal.pending')}</p>
      ) : refusal.text ? (
        <>
          <p>{t(locale, 'refusal.after')}</p>
          <textarea className="notice__text" readOnly value={refusal.text} rows={Math.min(6, refusal.text.split('\n').length + 1)} aria-label={t(locale, 'refusal.title')} data-testid="refused-text" />
        </>
      ) : (
        <p className="muted">{t(locale, 'refusal.nothing')}</p>
      )}
      {failed && (
        <p className="form-error" role="alert">
          {t(locale, 'refusal.proposeFailed')}
        </p>
      )}
      <div className="notice__actions">
        {halted && (
          <button type="button" className="button" onClick={onResume} data-testid="resume">
            {t(locale, 'refusal.resume')}
          </button>
        )}
        {refusal.text && (
          <button type="button" className="button" onClick={() => void copy()}>
            {copied ? t(locale, 'refusal.copied') : t(locale, 'refusal.copy')}
          </button>
        )}
        {proposable.map(({ piece, index }) => (
          <button key={index} type="button" className="button" data-testid="propose-refused" onClick={() => void propose(piece, index)}>
            {t(locale, proposable.length > 1 ? 'refusal.proposeOne' : 'refusal.propose', { section: sectionName(piece.section), start: Array.from(piece.text).slice(0, 8).join('') })}
          </button>
        ))}
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          {t(locale, 'refusal.dismiss')}
        </button>
      </div>
    </section>
  );
}
