import { t, type Locale, type MessageKey } from '../i18n';

/** A disputed point (争议点) as it leaves Concord (share page, exports): question, each side's position, the solutions, the outcome. */
export interface DisputeSummary {
  question: string;
  quote: string;
  section: string;
  status: string;
  positions: Array<{ department: string; text: string }>;
  solutions: Array<{ text: string }>;
}

/** The sheet's disputes that may leave Concord: every dispute thread except the private ones, in the order they were opened. */
export function publicDisputes(comments: unknown): DisputeSummary[] {
  const threads = Object.values((comments ?? {}) as Record<string, Record<string, unknown>>);
  return threads
    .filter((thread) => thread.kind === 'dispute' && thread.private !== true)
    .sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')))
    .map((thread) => ({
      question: String(thread.question ?? ''),
      quote: String(thread.quote ?? ''),
      section: String(thread.section ?? ''),
      status: String(thread.status ?? 'open'),
      positions: ((thread.positions as Array<Record<string, unknown>>) ?? []).map((p) => ({ department: String(p.department ?? ''), text: String(p.text ?? '') })),
      solutions: ((thread.solutions as Array<Record<string, unknown>>) ?? []).map((s) => ({ text: String(s.text ?? '') })),
    }));
}

/** The disputes as lines of text for the exports: the point and its outcome, then each position and each solution. */
export function disputesText(disputes: DisputeSummary[], locale: Locale): string {
  return disputes
    .flatMap((d, i) => [
      `${i + 1}. ${d.question || d.quote}（${t(locale, `share.dispute.status.${d.status}` as MessageKey)}）`,
      ...d.positions.map((p) => `${t(locale, 'share.dispute.positions')} · ${p.department}：${p.text}`),
      ...d.solutions.map((s) => `${t(locale, 'share.dispute.solutions')}：${s.text}`),
    ])
    .join('\n');
}
