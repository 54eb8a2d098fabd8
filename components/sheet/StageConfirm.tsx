'use client';

import { useEffect, useRef, useState } from 'react';
import { t, type Locale } from '@/lib/i18n';
import type { Stage } from '@/lib/sheet/fields';
import { callApi } from '../http/api';

/** The stages a plain click moves forward to; archiving has its own dialog (归档总结). */
type ForwardStage = Exclude<Stage, 'draft' | 'archived'>;

/**
 * Asks before a stage change: what happens at the next stage and who is told (every other member,
 * by name). Nothing moves until the facilitator confirms; Escape or 取消 leaves the stage as it is.
 */
export function StageConfirm(props: { locale: Locale; sheetId: string; selfId: string; stage: ForwardStage; working: boolean; onAnswer: (move: boolean) => void }) {
  const { locale, sheetId, selfId, stage, onAnswer } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [told, setTold] = useState<string[] | null>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    let current = true;
    void callApi<{ members: Array<{ userId: string; name: string }> }>('GET', `/api/v1/sheets/${encodeURIComponent(sheetId)}/members`).then(
      (r) => current && setTold(r.ok ? r.data.members.filter((m) => m.userId !== selfId).map((m) => m.name) : []),
    );
    return () => {
      current = false;
    };
  }, [sheetId, selfId]);
  const name = t(locale, `stage.${stage}`);
  return (
    <dialog ref={dialog} className="dialog stage-confirm" aria-labelledby="stage-confirm-title" data-testid="stage-confirm" onClose={() => onAnswer(false)}>
      <h2 id="stage-confirm-title" className="dialog__title">
        {t(locale, 'stageConfirm.title', { stage: name })}
      </h2>
      <p>{t(locale, `stageConfirm.what.${stage}`)}</p>
      <p className="muted" data-testid="stage-confirm-told">
        {told === null
          ? t(locale, 'stageConfirm.loading')
          : told.length
            ? t(locale, 'stageConfirm.told', { n: told.length, names: told.join(t(locale, 'stageConfirm.separator')) })
            : t(locale, 'stageConfirm.toldNobody')}
      </p>
      <p className="muted">{t(locale, 'stageConfirm.burst')}</p>
      <div className="lock-form__actions">
        <button type="button" className="button button--primary" disabled={props.working} onClick={() => onAnswer(true)} data-testid="stage-confirm-yes">
          {t(locale, 'stageConfirm.yes', { stage: name })}
        </button>
        <button type="button" className="button" onClick={() => dialog.current?.close()}>
          {t(locale, 'stageBar.cancel')}
        </button>
      </div>
    </dialog>
  );
}
