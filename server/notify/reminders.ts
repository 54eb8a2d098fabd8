import { deadlineStatus } from '../../lib/sheet/deadlines';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { Notifier } from './notifier';

/** Tunables of the deadline reminders; every value has a unit. */
export interface ReminderOptions {
  /** Look at open tasks this often, in ms: a reminder is late by at most this much. */
  everyMs: number;
  /** Remind a task's responsible person this many days before its deadline (0: on the day itself). */
  daysBefore: number;
  /** The organisation's IANA time zone: a deadline is the end of that day there (`lib/sheet/deadlines.ts`). */
  timeZone: string;
  /** The clock, injected so that tests move time instead of waiting for it. */
  now: () => Date;
}

/**
 * Reminds each task's responsible person of an approaching deadline and of a missed one, once per
 * task, deadline and kind: the reminder's key makes the store refuse a second one, so several
 * nodes scanning at the same time still send it once. Only sheets being executed (执行跟踪) are
 * looked at, from the cross-sheet task index, and only members of the sheet are reminded.
 */
export class DeadlineReminders {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly log: Logger,
    private readonly options: ReminderOptions,
  ) {}

  /** Scans now and then every `everyMs`, in the background. */
  start(): void {
    const tick = () => void this.scan().catch((err: unknown) => this.log.error('notify.reminders.failed', { error: String(err) }));
    this.timer = setInterval(tick, this.options.everyMs);
    this.timer.unref();
    tick();
  }

  /** One pass over the open tasks; returns how many reminders were recorded. A pass already running is joined. */
  scan(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    const now = this.options.now();
    let sent = 0;
    for (const task of await this.store.tasks.openWithDeadlines()) {
      if (task.sheetStage !== 'executing' || !task.personId || !task.deadline) continue;
      const status = deadlineStatus(task.deadline, now, this.options.timeZone)!;
      const kind = status.overdue ? 'deadlineMissed' : status.daysLeft <= this.options.daysBefore ? 'deadlineSoon' : null;
      if (!kind || !(await this.store.sheets.roleOf(task.sheetId, task.personId))) continue;
      const recorded = await this.notifier.tell(
        {
          kind,
          sheetId: task.sheetId,
          actor: null,
          payload: { rowId: task.rowId, task: task.task, deadline: task.deadline, daysLeft: status.daysLeft, daysLate: status.daysLate },
          key: `${kind}:${task.sheetId}:${task.rowId}:${task.deadline}`,
        },
        [task.personId],
      );
      sent += recorded.length;
    }
    return sent;
  }

  /** Stops scanning after the pass under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
