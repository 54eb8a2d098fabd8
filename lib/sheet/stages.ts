import { STAGES, type Stage } from './fields';
import type { Lock, Recipient, SheetMeta, TaskRow } from './layout';

/** What the stage rules look at: the sheet as the API reads it. */
export interface StageFacts {
  stage: Stage;
  meta: Partial<SheetMeta>;
  recipients: Array<Partial<Recipient>>;
  background: { text: string };
  goal: { text: string };
  tasks: Array<Partial<TaskRow>>;
  locks: Record<string, Lock>;
  'review.outcome': { text: string };
  'review.problems': { text: string };
  'review.lessons': { text: string };
}

/** One unmet entry rule, as a code the UI explains in the person's language. */
export type Unmet =
  | { rule: 'required'; field: 'title' | 'initiator' | 'recipients' | 'background' | 'goal' | 'dueDate' | 'urgency' }
  | { rule: 'resultNotLocked' }
  | { rule: 'noTasks' }
  | { rule: 'taskWithoutPerson'; taskId: string }
  | { rule: 'taskWithoutDeadline'; taskId: string }
  | { rule: 'retrospectiveMissing'; part: 'review.outcome' | 'review.problems' | 'review.lessons' }
  | { rule: 'notNextStage'; from: Stage; to: Stage };

const filled = (s: unknown) => typeof s === 'string' && s.trim().length > 0;

/**
 * The template's rules for entering a stage (关键事项提醒): a sheet leaves Draft only with its basic
 * information complete (信息真实准确); enters Executing only with the result locked and one named
 * person and one deadline per task (责任到人); is archived only with its retrospective written.
 * Stages move one step forward; Executing may go back to In discussion (a plan change) and an
 * archived sheet may be reopened to In discussion — who may do that is for the policies to say.
 */
export function unmetRules(facts: StageFacts, to: Stage): Unmet[] {
  const from = facts.stage;
  const step = STAGES.indexOf(to) - STAGES.indexOf(from);
  const backwards = (from === 'executing' || from === 'archived') && to === 'discussion';
  if (step !== 1 && !backwards) return [{ rule: 'notNextStage', from, to }];
  if (backwards) return [];
  const unmet: Unmet[] = [];
  if (to === 'initiated') {
    const m = facts.meta;
    if (!filled(m.title)) unmet.push({ rule: 'required', field: 'title' });
    if (!m.initiator || !filled(m.initiator.department) || !filled(m.initiator.person)) unmet.push({ rule: 'required', field: 'initiator' });
    if (!facts.recipients.some((r) => filled(r.department))) unmet.push({ rule: 'required', field: 'recipients' });
    if (!filled(facts.background.text)) unmet.push({ rule: 'required', field: 'background' });
    if (!filled(facts.goal.text)) unmet.push({ rule: 'required', field: 'goal' });
    if (!filled(m.dueDate)) unmet.push({ rule: 'required', field: 'dueDate' });
    if (!filled(m.urgency)) unmet.push({ rule: 'required', field: 'urgency' });
  }
  if (to === 'executing') {
    if (!facts.locks.result) unmet.push({ rule: 'resultNotLocked' });
    if (facts.tasks.length === 0) unmet.push({ rule: 'noTasks' });
    for (const task of facts.tasks) {
      const taskId = String(task.id ?? '');
      if (!filled(task.person)) unmet.push({ rule: 'taskWithoutPerson', taskId });
      if (!filled(task.deadline)) unmet.push({ rule: 'taskWithoutDeadline', taskId });
    }
  }
  if (to === 'archived') {
    for (const part of ['review.outcome', 'review.problems', 'review.lessons'] as const) {
      if (!filled(facts[part].text)) unmet.push({ rule: 'retrospectiveMissing', part });
    }
  }
  return unmet;
}
