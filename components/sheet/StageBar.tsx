'use client';

import { useState, type FormEvent } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import type { SheetAction } from '@/lib/policies';
import { STAGES, type Stage } from '@/lib/sheet/fields';
import type { Lock } from '@/lib/sheet/layout';
import type { Unmet } from '@/lib/sheet/stages';
import { callApi } from '../http/api';
import { LockIcon } from './LockNote';
import { StageConfirm } from './StageConfirm';
import type { TaskView } from './model';
import { goToTarget, targetLabel } from './targets';

/** The field each required-field rule points at, with the section that holds it. */
const REQUIRED_FIELD: Record<Extract<Unmet, { rule: 'required' }>['field'], { key: Parameters<typeof t>[1]; section: string }> = {
  title: { key: 'field.title', section: 'meta' },
  initiator: { key: 'field.initiator', section: 'meta' },
  recipients: { key: 'section.recipients', section: 'recipients' },
  background: { key: 'section.background', section: 'background' },
  goal: { key: 'section.goal', section: 'goal' },
  dueDate: { key: 'field.dueDate', section: 'meta' },
  urgency: { key: 'field.urgency', section: 'meta' },
};

/** One unmet entry rule in words, and where on the sheet to fix it (null: nowhere in particular). */
function explain(locale: Locale, unmet: Unmet, tasks: TaskView[]): { text: string; target: string | null } {
  const task = (taskId: string) => {
    const i = tasks.findIndex((x) => x.id === taskId);
    return { n: i + 1, task: tasks[i]?.task || t(locale, 'unmet.untitledTask') };
  };
  switch (unmet.rule) {
    case 'required':
      return { text: t(locale, 'unmet.required', { field: t(locale, REQUIRED_FIELD[unmet.field].key) }), target: REQUIRED_FIELD[unmet.field].section };
    case 'resultNotLocked':
      return { text: t(locale, 'unmet.resultNotLocked'), target: 'result' };
    case 'noTasks':
      return { text: t(locale, 'unmet.noTasks'), target: 'tasks' };
    case 'taskWithoutPerson':
      return { text: t(locale, 'unmet.taskWithoutPerson', task(unmet.taskId)), target: `tasks/${unmet.taskId}` };
    case 'taskWithoutDeadline':
      return { text: t(locale, 'unmet.taskWithoutDeadline', task(unmet.taskId)), target: `tasks/${unmet.taskId}` };
    case 'retrospectiveMissing':
      return { text: t(locale, 'unmet.retrospectiveMissing', { part: targetLabel(locale, unmet.part, tasks) }), target: unmet.part };
    case 'notNextStage':
      return { text: t(locale, 'unmet.notNextStage', { from: t(locale, `stage.${unmet.from}`), to: t(locale, `stage.${unmet.to}`) }), target: null };
  }
}

type Refusal = { stage: Stage; unmet: Unmet[] } | { stage: Stage; message: string };

/**
 * What the facilitator does with the five stages: move to the next one (after a confirmation saying
 * what happens there and who is told), or (when executing) go back
 * to discussion as a plan change with a reason, releasing chosen locks. A refusal lists every unmet
 * rule in words with a way to the section. Archived sheets say they are frozen; an administrator may
 * reopen one, with a reason. The stage itself arrives live through `control`.
 */
export function StageBar(props: {
  locale: Locale;
  sheetId: string;
  stage: Stage;
  locks: Record<string, Lock>;
  tasks: TaskView[];
  allowed: SheetAction[];
  isAdmin: boolean;
  /** The person looking: everyone else is told of a stage change. */
  selfId: string;
  /** Archiving opens the retrospective dialog (归档总结) instead of moving at once. */
  onArchive?: () => void;
}) {
  const { locale, sheetId, stage, locks, tasks } = props;
  const [form, setForm] = useState<'planChange' | 'reopen' | null>(null);
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const next = STAGES[STAGES.indexOf(stage) + 1];
  const canChange = props.allowed.includes('changeStage') && stage !== 'archived';

  const move = async (to: Stage, extra: { reason?: string; unlock?: string[] } = {}) => {
    setWorking(true);
    setRefusal(null);
    const result = await callApi('POST', `/api/v1/sheets/${encodeURIComponent(sheetId)}/stage`, { stage: to, ...extra });
    setWorking(false);
    setAsking(false);
    if (result.ok) return setForm(null);
    const unmet = (result.details as { unmet?: Unmet[] } | undefined)?.unmet;
    setRefusal(unmet?.length ? { stage: to, unmet } : { stage: to, message: result.status === 0 ? t(locale, 'form.networkError') : result.message });
  };
  const submitBack = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    void move('discussion', { reason: String(data.get('reason') ?? '').trim(), unlock: data.getAll('unlock').map(String) });
  };

  if (!canChange && stage !== 'archived') return null;
  return (
    <div className="stage-bar" data-testid="stage-bar" data-stage={stage}>
      {stage === 'archived' && <Frozen locale={locale} />}
      <div className="stage-bar__actions">
        {canChange && next && (
          <button type="button" className="button button--primary button--small" disabled={working} onClick={() => (next === 'archived' && props.onArchive ? props.onArchive() : setAsking(true))}>
            {working ? t(locale, 'stageBar.moving') : t(locale, 'stageBar.next', { stage: t(locale, `stage.${next}`) })}
          </button>
        )}
        {canChange && stage === 'executing' && (
          <button type="button" className="button button--small" aria-expanded={form === 'planChange'} onClick={() => setForm(form === 'planChange' ? null : 'planChange')}>
            ↩ {t(locale, 'stageBar.planChange')}
          </button>
        )}
        {stage === 'archived' && props.isAdmin && (
          <button type="button" className="button button--small" aria-expanded={form === 'reopen'} onClick={() => setForm(form === 'reopen' ? null : 'reopen')}>
            {t(locale, 'stageBar.reopen')}
          </button>
        )}
      </div>
      {asking && next && next !== 'archived' && next !== 'draft' && (
        <StageConfirm locale={locale} sheetId={sheetId} selfId={props.selfId} stage={next} working={working} onAnswer={(yes) => (yes ? void move(next) : setAsking(false))} />
      )}
      {form && (
        <form className="stage-bar__form" onSubmit={submitBack} aria-label={t(locale, form === 'reopen' ? 'stageBar.reopenTitle' : 'stageBar.planChangeTitle')}>
          <h3 className="notice__title">{t(locale, form === 'reopen' ? 'stageBar.reopenTitle' : 'stageBar.planChangeTitle')}</h3>
          <p className="muted">{t(locale, form === 'reopen' ? 'stageBar.reopenLead' : 'stageBar.planChangeLead')}</p>
          <label className="field">
            <span className="field__label">{t(locale, 'stageBar.reason')}</span>
            <textarea name="reason" required maxLength={LIMITS.reasonChars} rows={2} autoFocus />
          </label>
          {form === 'planChange' && (
            <fieldset className="stage-bar__locks">
              <legend className="field__label">{t(locale, 'stageBar.unlockWhich')}</legend>
              {Object.keys(locks).length === 0 && <p className="muted">{t(locale, 'stageBar.noLocks')}</p>}
              {Object.keys(locks).map((target) => (
                <label key={target} className="checkbox">
                  {/* The result is what a plan change usually reopens. */}
                  <input type="checkbox" name="unlock" value={target} defaultChecked={target === 'result'} />
                  <span>{targetLabel(locale, target, tasks)}</span>
                </label>
              ))}
            </fieldset>
          )}
          <div className="lock-form__actions">
            <button type="submit" className="button button--small button--primary" disabled={working}>
              {t(locale, form === 'reopen' ? 'stageBar.confirmReopen' : 'stageBar.confirmPlanChange')}
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => setForm(null)}>
              {t(locale, 'stageBar.cancel')}
            </button>
          </div>
        </form>
      )}
      {refusal && (
        <div className="notice notice--warning stage-bar__refusal" role="alert" data-testid="stage-refusal">
          {'unmet' in refusal ? (
            <>
              <p className="notice__title">{t(locale, 'stageBar.refused', { stage: t(locale, `stage.${refusal.stage}`) })}</p>
              <ul className="stage-bar__unmet">
                {refusal.unmet.map((u, i) => {
                  const { text, target } = explain(locale, u, tasks);
                  return (
                    <li key={i} data-rule={u.rule}>
                      <span>{text}</span>
                      {target && (
                        <button type="button" className="button button--small button--quiet" onClick={() => goToTarget(target)}>
                          {t(locale, 'stageBar.goTo')} →
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : (
            <p>{t(locale, 'stageBar.failed', { message: refusal.message })}</p>
          )}
        </div>
      )}
    </div>
  );
}

function Frozen({ locale }: { locale: Locale }) {
  return (
    <p className="stage-bar__frozen" data-testid="archived">
      <LockIcon /> {t(locale, 'stageBar.archived')}
    </p>
  );
}
