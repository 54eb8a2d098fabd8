'use client';

import { formatDate, t, type Locale } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import type { OpenWorkSettlement } from '@/lib/api/schemas';
import type { RetrospectiveFacts } from '@/lib/sheet/retrospective';
import styles from './tracking.module.css';

/** The facilitator's choice for one open item, before archiving: nothing yet, drop it, or leave it open. */
export interface Decision {
  outcome?: 'dropped' | 'open';
  reason: string;
}
/** Decisions by item, `task:<id>` and `dispute:<id>`. */
export type Decisions = Record<string, Decision>;

/** The open items of the facts: tasks not done, disputes neither agreed nor dropped. */
export function openItems(facts: RetrospectiveFacts) {
  return {
    tasks: (facts.tasks.items ?? []).filter((i) => i.outcome === 'open'),
    disputes: facts.disputes.points.filter((p) => p.outcome === 'open'),
  };
}

/** How many open items have no valid decision yet (a drop needs a reason). */
export function undecided(facts: RetrospectiveFacts, decisions: Decisions): number {
  const { tasks, disputes } = openItems(facts);
  const ok = (key: string) => {
    const d = decisions[key];
    return d?.outcome === 'open' || (d?.outcome === 'dropped' && d.reason.trim().length > 0);
  };
  return tasks.filter((x) => !ok(`task:${x.id}`)).length + disputes.filter((x) => !ok(`dispute:${x.id}`)).length;
}

/** The decisions as the stage command's `settle` body. */
export function settlementOf(facts: RetrospectiveFacts, decisions: Decisions): OpenWorkSettlement {
  const { tasks, disputes } = openItems(facts);
  const item = (key: string, id: string) => {
    const d = decisions[key];
    return { id, outcome: d?.outcome ?? 'open', ...(d?.reason.trim() ? { reason: d.reason.trim() } : {}) };
  };
  return { tasks: tasks.map((x) => item(`task:${x.id}`, x.id)), disputes: disputes.map((x) => item(`dispute:${x.id}`, x.id)) };
}

/**
 * 仍未完成的事项 at archiving: each task not done and each unresolved dispute, with the choice to
 * archive it as it is or drop it with a reason; the server refuses to archive until each is decided.
 */
export function OpenWork(props: { locale: Locale; facts: RetrospectiveFacts; decisions: Decisions; onChange: (key: string, decision: Decision) => void }) {
  const { locale, facts, decisions, onChange } = props;
  const { tasks, disputes } = openItems(facts);
  if (!tasks.length && !disputes.length) return null;
  const row = (key: string, title: string, meta: string | null, choices: { open: string; drop: string }) => {
    const d = decisions[key] ?? { reason: '' };
    const needsReason = d.outcome === 'dropped' && !d.reason.trim();
    return (
      <li key={key} className={styles.openItem} data-item={key}>
        <div className={styles.openWhat}>
          <strong>{title || '—'}</strong>
          {meta && <span className="muted">{meta}</span>}
        </div>
        <div className={styles.openChoices} role="radiogroup" aria-label={title || '—'}>
          {(['open', 'dropped'] as const).map((outcome) => (
            <label key={outcome} className="checkbox">
              <input type="radio" name={key} checked={d.outcome === outcome} onChange={() => onChange(key, { ...d, outcome })} />
              <span>{outcome === 'open' ? choices.open : choices.drop}</span>
            </label>
          ))}
        </div>
        {d.outcome && (
          <label className={`field ${styles.openReason}`}>
            <span className="field__label">{t(locale, d.outcome === 'dropped' ? 'archive.reason' : 'archive.reasonOptional')}</span>
            <input type="text" value={d.reason} maxLength={LIMITS.reasonChars} required={d.outcome === 'dropped'} aria-invalid={needsReason || undefined} onChange={(e) => onChange(key, { ...d, reason: e.target.value })} />
            {needsReason && <span className="form-error">{t(locale, 'archive.reasonNeeded')}</span>}
          </label>
        )}
      </li>
    );
  };
  return (
    <section className={styles.openWork} aria-labelledby="open-work-title" data-testid="open-work">
      <h3 id="open-work-title" className={styles.partTitle}>
        {t(locale, 'archive.openWorkTitle')}
      </h3>
      <p className={styles.dialogLead}>{t(locale, 'archive.openWorkLead')}</p>
      {tasks.length > 0 && (
        <>
          <h4 className={styles.openGroup}>{t(locale, 'archive.openTasksTitle', { n: tasks.length })}</h4>
          <ul className={styles.openList}>
            {tasks.map((x) =>
              row(
                `task:${x.id}`,
                x.task,
                t(locale, 'archive.taskMeta', { person: x.person || t(locale, 'archive.noPerson'), deadline: x.deadline ? formatDate(locale, x.deadline) : t(locale, 'due.none') }),
                { open: t(locale, 'archive.leaveTaskOpen'), drop: t(locale, 'archive.dropTask') },
              ),
            )}
          </ul>
        </>
      )}
      {disputes.length > 0 && (
        <>
          <h4 className={styles.openGroup}>{t(locale, 'archive.openDisputesTitle', { n: disputes.length })}</h4>
          <ul className={styles.openList}>
            {disputes.map((x) => row(`dispute:${x.id}`, x.question, null, { open: t(locale, 'archive.leaveDisputeOpen'), drop: t(locale, 'archive.dropDispute') }))}
          </ul>
        </>
      )}
    </section>
  );
}
