import { formatDate, t, type Locale } from '../i18n';

/** How a disputed point (争议点) ended: agreed (or resolved), dropped, or still open. */
export type DisputeOutcome = 'agreed' | 'dropped' | 'open';

/**
 * Facts that help write the retrospective (归档总结), computed by the server and kept with the
 * archived sheet: tasks done on time, late or still open; plan changes; disputes and how they ended.
 */
export interface RetrospectiveFacts {
  at: string;
  timeZone: string;
  tasks: { total: number; onTime: number; late: number; open: number; openOverdue: number };
  planChanges: number;
  disputes: { total: number; agreed: number; dropped: number; open: number; points: Array<{ id: string; question: string; outcome: DisputeOutcome }> };
}

/** The facts in words, one line each, for the exports' 归档总结 part. */
export function retrospectiveText(facts: RetrospectiveFacts, locale: Locale): string {
  const tasks = facts.tasks;
  const lines = [
    `${t(locale, 'archive.tasks')}：${t(locale, 'archive.onTime')} ${tasks.onTime} · ${t(locale, 'archive.late')} ${tasks.late} · ${t(locale, 'archive.openTasks')} ${tasks.open}` +
      (tasks.openOverdue ? `（${t(locale, 'archive.openOverdue', { n: tasks.openOverdue })}）` : ''),
    `${t(locale, 'archive.planChanges')}：${t(locale, 'archive.planChangesCount', { n: facts.planChanges })}`,
    facts.disputes.total
      ? `${t(locale, 'archive.disputes')}：${facts.disputes.points.map((p) => `${p.question || '—'}（${t(locale, `archive.outcome.${p.outcome}`)}）`).join('；')}`
      : `${t(locale, 'archive.disputes')}：${t(locale, 'archive.disputesNone')}`,
    t(locale, 'archive.asOf', { time: formatDate(locale, facts.at, true) }),
  ];
  return lines.join('\n');
}
