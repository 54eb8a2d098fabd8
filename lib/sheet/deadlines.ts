/**
 * Deadline semantics (完成时限). A task's deadline is a calendar date, `YYYY-MM-DD`, and means the
 * end of that day in the organisation's time zone (`TIME_ZONE`, an IANA name). Everything here is
 * computed from an injected `now` and that zone, never from the process's own time zone, so the
 * server, a reminder job and a test agree on what is overdue.
 */

/** The time zone used when none is configured: Chinese enterprises count days in Beijing time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;

/** True when `name` is an IANA time zone this runtime knows, e.g. `Asia/Shanghai`. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string, instant: Date) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), s: Number(p.second) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateOf = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The calendar date (`YYYY-MM-DD`) of `now` in `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  const p = partsIn(timeZone, now);
  return dateOf(p.y, p.m, p.d);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
  return dateOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(utcDay(to) - utcDay(from));
}

/** Monday and Sunday of the ISO week (Monday first) holding `date`. */
export function isoWeekOf(date: string): { start: string; end: string } {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const start = addDays(date, -weekday);
  return { start, end: addDays(start, 6) };
}

/** Offset of `timeZone` from UTC at `instant`, in ms (Asia/Shanghai: +8 h). */
function offsetAt(timeZone: string, instant: number): number {
  const p = partsIn(timeZone, new Date(instant));
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(instant / 1000) * 1000;
}

/** The instant a deadline passes: the start of the next day in `timeZone` (the end of `deadline`). */
export function deadlineEnd(deadline: string, timeZone: string): Date {
  const midnight = Date.parse(`${addDays(deadline, 1)}T00:00:00Z`);
  let instant = midnight - offsetAt(timeZone, midnight);
  // Across a daylight-saving change the offset at the guess may differ from the offset at the answer.
  instant = midnight - offsetAt(timeZone, instant);
  return new Date(instant);
}

/** Where a deadline stands at `now` in the organisation's time zone. */
export interface DeadlineStatus {
  /** The deadline's day has ended. */
  overdue: boolean;
  /** The deadline is today. */
  dueToday: boolean;
  /** Not overdue, and due by the end of this ISO week (Sunday). */
  dueThisWeek: boolean;
  /** Whole days past the deadline (0 unless overdue): one the day after it. */
  daysLate: number;
  /** Whole days left until the deadline (0 today, negative when overdue). */
  daysLeft: number;
}

/** Where `deadline` stands at `now` in `timeZone`; null for a task without a deadline. */
export function deadlineStatus(deadline: string | null, now: Date, timeZone: string): DeadlineStatus | null {
  if (!deadline) return null;
  const today = todayIn(timeZone, now);
  const daysLeft = daysBetween(today, deadline);
  return {
    overdue: daysLeft < 0,
    dueToday: daysLeft === 0,
    dueThisWeek: daysLeft >= 0 && deadline <= isoWeekOf(today).end,
    daysLate: Math.max(0, -daysLeft),
    daysLeft,
  };
}

/**
 * Whole days a task has been silent at `now`: calendar days (in `timeZone`) since the day of the
 * latest of `since` (its last progress note, when it was given to its person, when its sheet
 * entered the stage); 0 for a moment after `now`; null when none is known.
 */
export function daysSilent(since: Array<string | null>, now: Date, timeZone: string): number | null {
  const times = since.filter((s): s is string => !!s && !Number.isNaN(Date.parse(s))).map(Date.parse);
  if (!times.length) return null;
  return Math.max(0, daysBetween(todayIn(timeZone, new Date(Math.max(...times))), todayIn(timeZone, now)));
}
