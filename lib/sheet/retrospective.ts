import { formatDate, t, type Locale } from '../i18n';

/** How a disputed point (争议点) ended: agreed (or resolved), dropped, or still open. */
export type DisputeOutcome = 'agreed' | 'dropped' | 'open';

/** What the facilitator decided, at archiving, for a task not done: dropped (放弃), or left open as it is. */
export type TaskOutcome = 'dropped' | 'open';

/** A task not done when the facts were computed, and what became of it at archiving. */
export interface OpenTask {
  id: string;
  task: string;
  person: string;
  deadline: string | null;
  outcome: TaskOutcome;
  /** Why it was dropped or left open, as the facilitator said at archiving; null before. */
  reason: string | null;
}

/**
 * Facts that help write the retrospective (归档总结), computed by the server and kept with the
 * archived sheet: tasks done on time, late or still open; plan changes; disputes and how they ended.
 * `dropped`, `items` and `reason` are absent from facts kept before archiving settled open work.
 */
export interface RetrospectiveFacts {
  at: string;
  timeZone: string;
  tasks: { total: number; onTime: number; late: number; open: number; openOverdue: number; dropped?: number; items?: OpenTask[] };
  planChanges: number;
  disputes: { total: number; agreed: number; dropped: number; open: number; points: Array<{ id: string; question: string; outcome: DisputeOutcome; reason?: string | null }> };
}

/** The facts in words, one line each, for the exports' 归档总结 part. */
export function retrospectiveText(facts: RetrospectiveFacts, locale: Locale): string {
  const tasks = facts.tasks;
  const settled = (outcome: string, reason: string | null | undefined) => (reason ? `${outcome}：${reason}` : outcome);
  const lines = [
    `${t(locale, 'archive.tasks')}：${t(locale, 'archive.onTime')} ${tasks.onTime} · ${t(locale, 'archive.late')} ${tasks.late} · ${t(locale, 'archive.openTasks')} ${tasks.open}` +
      (tasks.dropped ? ` · ${t(locale, 'archive.droppedTasks')} ${tasks.dropped}` : '') +
      (tasks.openOverdue ? `（${t(locale, 'archive.openOverdue', { n: tasks.openOverdue })}）` : ''),
    ...(tasks.items?.length
      ? [`${t(locale, 'archive.openWork')}：${tasks.items.map((i) => `${i.task || '—'}（${settled(t(locale, `archive.taskOutcome.${i.outcome}`), i.reason)}）`).join('；')}`]
      : []),
    `${t(locale, 'archive.planChanges')}：${t(locale, 'archive.planChangesCount', { n: facts.planChanges })}`,
    facts.disputes.total
      ? `${t(locale, 'archive.disputes')}：${facts.disputes.points.map((p) => `${p.question || '—'}（${settled(t(locale, `archive.outcome.${p.outcome}`), p.reason)}）`).join('；')}`
      : `${t(locale, 'archive.disputes')}：${t(locale, 'archive.disputesNone')}`,
    t(locale, 'archive.asOf', { time: formatDate(locale, facts.at, true) }),
  ];
  return lines.join('\n');
}
