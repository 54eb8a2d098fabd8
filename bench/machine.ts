import { readFileSync } from 'node:fs';

/** CPU time the whole machine has been busy (all cores, all processes), in ms; NaN off Linux. */
export function machineBusyMs(): number {
  try {
    // First line of /proc/stat: cpu user nice system idle iowait irq softirq steal … in USER_HZ (100/s).
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * Waits (up to `maxSeconds`) for a second in which the rest of the machine uses less than
 * `thresholdPercent` of one core: other processes on a 2-core box skew every latency figure.
 * Returns the other load (percent of one core) of the last second measured.
 */
export async function waitForQuiet(maxSeconds: number, thresholdPercent = 25): Promise<{ waitedSeconds: number; otherPercent: number }> {
  const start = performance.now();
  for (;;) {
    const before = machineBusyMs();
    const self = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 1000));
    const mine = process.cpuUsage(self);
    const otherPercent = ((machineBusyMs() - before - (mine.user + mine.system) / 1000) / 1000) * 100;
    const waitedSeconds = (performance.now() - start) / 1000;
    if (!(otherPercent >= thresholdPercent) || waitedSeconds >= maxSeconds) return { waitedSeconds, otherPercent };
  }
}
