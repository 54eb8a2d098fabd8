import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { addDays, daysSilent, deadlineEnd, deadlineStatus, isTimeZone, isoWeekOf, todayIn } from './deadlines';

const SH = 'Asia/Shanghai';
const LA = 'America/Los_Angeles';

describe('a deadline is the end of its day in the organisation’s time zone', () => {
  test('the same instant is overdue in Asia/Shanghai but not in America/Los_Angeles', () => {
    // 2026-03-11 01:30 in Shanghai is still 2026-03-10 10:30 in Los Angeles.
    const now = new Date('2026-03-10T17:30:00Z');
    expect(deadlineStatus('2026-03-10', now, SH)).toMatchObject({ overdue: true, daysLate: 1, dueToday: false });
    expect(deadlineStatus('2026-03-10', now, LA)).toMatchObject({ overdue: false, daysLate: 0, dueToday: true });
  });

  test('the last millisecond of the day is not late; the next one is', () => {
    const end = deadlineEnd('2026-05-20', SH);
    expect(end.toISOString()).toBe('2026-05-20T16:00:00.000Z');
    expect(deadlineStatus('2026-05-20', new Date(end.getTime() - 1), SH)?.overdue).toBe(false);
    expect(deadlineStatus('2026-05-20', end, SH)?.overdue).toBe(true);
  });

  test('the end of a day across a daylight-saving change (Los Angeles springs forward on 2026-03-08)', () => {
    expect(deadlineEnd('2026-03-07', LA).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(deadlineEnd('2026-03-08', LA).toISOString()).toBe('2026-03-09T07:00:00.000Z');
  });

  test('days late count calendar days, and a task without a deadline has no status', () => {
    expect(deadlineStatus('2026-01-01', new Date('2026-01-10T02:00:00Z'), SH)).toMatchObject({ overdue: true, daysLate: 9, daysLeft: -9 });
    expect(deadlineStatus(null, new Date(), SH)).toBeNull();
  });

  test('a year boundary: 2026-12-31 in Shanghai ends at 16:00 UTC', () => {
    expect(deadlineEnd('2026-12-31', SH).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(todayIn(SH, new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('this week is the ISO week, Monday first', () => {
  test('a Sunday belongs to the week that started the Monday before', () => {
    expect(isoWeekOf('2026-11-29')).toEqual({ start: '2026-11-23', end: '2026-11-29' }); // Sunday
    expect(isoWeekOf('2026-11-23')).toEqual({ start: '2026-11-23', end: '2026-11-29' }); // Monday
  });

  test('due this week: from today to Sunday, not overdue; next Monday is not this week', () => {
    const wednesday = new Date('2026-11-25T04:00:00Z'); // Wed 12:00 in Shanghai
    expect(deadlineStatus('2026-11-25', wednesday, SH)).toMatchObject({ dueThisWeek: true, dueToday: true });
    expect(deadlineStatus('2026-11-29', wednesday, SH)?.dueThisWeek).toBe(true);
    expect(deadlineStatus('2026-11-30', wednesday, SH)?.dueThisWeek).toBe(false);
    expect(deadlineStatus('2026-11-24', wednesday, SH)).toMatchObject({ dueThisWeek: false, overdue: true });
  });

  test('the week depends on the time zone: Sunday night in Los Angeles is Monday in Shanghai', () => {
    const now = new Date('2026-11-30T03:00:00Z'); // Sun 19:00 LA, Mon 11:00 Shanghai
    expect(deadlineStatus('2026-12-04', now, SH)?.dueThisWeek).toBe(true);
    expect(deadlineStatus('2026-12-04', now, LA)?.dueThisWeek).toBe(false);
  });
});

test('days without feedback are counted in calendar days of the organisation’s time zone', () => {
  // A note at 23:30 Shanghai time on the 1st; at 00:30 on the 2nd it is one day old.
  expect(daysSilent(['2026-06-01T15:30:00Z'], new Date('2026-06-01T16:30:00Z'), SH)).toBe(1);
  expect(daysSilent(['2026-06-01T15:30:00Z'], new Date('2026-06-01T16:30:00Z'), LA)).toBe(0);
  expect(daysSilent([null, null], new Date(), SH)).toBeNull();
  // §4 the latest moment counts: a note five days ago, a new person today is silent for 0 days, not 5.
  expect(daysSilent(['2026-06-01T02:00:00Z', '2026-06-06T02:00:00Z', null], new Date('2026-06-06T03:00:00Z'), SH)).toBe(0);
  expect(daysSilent(['2026-06-01T02:00:00Z', '2026-06-03T02:00:00Z'], new Date('2026-06-06T03:00:00Z'), SH)).toBe(3);
  // A moment after now (clocks of two nodes) is no silence at all, never a negative one.
  expect(daysSilent(['2026-06-08T02:00:00Z'], new Date('2026-06-06T03:00:00Z'), SH)).toBe(0);
});

test('time zone names are checked against the runtime’s IANA database', () => {
  expect(isTimeZone('Asia/Shanghai')).toBe(true);
  expect(isTimeZone('Mars/Olympus')).toBe(false);
  expect(isTimeZone('')).toBe(false);
});

test('the answers do not depend on the process’s own time zone', () => {
  const script = `
    import { deadlineStatus, deadlineEnd, isoWeekOf } from './lib/sheet/deadlines.ts';
    const now = new Date('2026-03-10T17:30:00Z');
    console.log(JSON.stringify([deadlineStatus('2026-03-10', now, 'Asia/Shanghai'), deadlineStatus('2026-03-10', now, 'America/Los_Angeles'), deadlineEnd('2026-03-08', 'America/Los_Angeles'), isoWeekOf('2026-03-10'), new Date(2026, 0, 1).getTimezoneOffset()]));
  `;
  const run = (tz: string) => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    expect(out.status, out.stderr).toBe(0);
    return JSON.parse(out.stdout) as unknown[];
  };
  const kiritimati = run('Pacific/Kiritimati'); // UTC+14
  const honolulu = run('Pacific/Honolulu'); // UTC-10
  expect(kiritimati[4]).not.toBe(honolulu[4]); // the processes really run in different zones
  expect(kiritimati.slice(0, 4)).toEqual(honolulu.slice(0, 4));
  expect(kiritimati[0]).toMatchObject({ overdue: true });
  expect(kiritimati[1]).toMatchObject({ overdue: false });
});
