'use client';

import { useEffect, useState } from 'react';
import { t, type Locale } from '@/lib/i18n';
import type { DiffPart } from '@/lib/sheet/diff';
import { callApi } from '../http/api';
import type { TaskView } from '../sheet/model';
import { targetLabel } from '../sheet/targets';

/** Unchanged text longer than this is shortened around the changes, so a small edit in a long record stands out. */
const CONTEXT_CHARS = 120;

function shorten(text: string, first: boolean, last: boolean): string {
  if (text.length <= CONTEXT_CHARS * 2) return text;
  const head = first ? '' : text.slice(0, CONTEXT_CHARS);
  const tail = last ? '' : text.slice(-CONTEXT_CHARS);
  return `${head} … ${tail}`;
}

/** Two versions (`to` may be `current`) compared section by section: insertions green and underlined, deletions red and struck out. */
export function DiffView({ locale, sheetId, from, to, tasks }: { locale: Locale; sheetId: string; from: number; to: number | 'current'; tasks: TaskView[] }) {
  const [sections, setSections] = useState<Array<{ section: string; parts: DiffPart[] }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void callApi<{ sections: Array<{ section: string; parts: DiffPart[] }> }>('GET', `/api/v1/sheets/${encodeURIComponent(sheetId)}/diff?from=${from}&to=${to}&locale=${locale}`).then((r) => {
      if (!current) return;
      if (r.ok) setSections(r.data.sections);
      else setError(r.status === 0 ? t(locale, 'form.networkError') : t(locale, 'history.failed', { message: r.message }));
    });
    return () => {
      current = false;
    };
  }, [locale, sheetId, from, to]);

  if (error) return <p className="form-error" role="alert">{error}</p>;
  if (!sections) return <p className="muted">{t(locale, 'history.loading')}</p>;
  const changed = sections.filter((s) => s.parts.some((p) => p.op !== 'equal'));
  const unchanged = sections.filter((s) => !changed.includes(s)).map((s) => targetLabel(locale, s.section, tasks));
  return (
    <div className="diff" data-testid="diff">
      <p className="diff__legend">
        <ins className="diff__ins">{t(locale, 'history.inserted')}</ins>
        <del className="diff__del">{t(locale, 'history.deleted')}</del>
      </p>
      {changed.length === 0 && <p className="muted">{t(locale, 'history.noChanges')}</p>}
      {changed.map(({ section, parts }) => (
        <section key={section} className="diff__section" data-section-diff={section}>
          <h3 className="diff__title">{targetLabel(locale, section, tasks)}</h3>
          <p className="diff__text">
            {parts.map((part, i) =>
              part.op === 'insert' ? (
                <ins key={i} className="diff__ins">
                  {part.text}
                </ins>
              ) : part.op === 'delete' ? (
                <del key={i} className="diff__del">
                  {part.text}
                </del>
              ) : (
                <span key={i}>{shorten(part.text, i === 0, i === parts.length - 1)}</span>
              ),
            )}
          </p>
        </section>
      ))}
      {unchanged.length > 0 && changed.length > 0 && <p className="muted">{t(locale, 'history.unchanged', { sections: unchanged.join('、') })}</p>}
    </div>
  );
}
