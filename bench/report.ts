/** Renders load results as the Markdown tables `npm run bench` prints (and BENCHMARKS.md quotes). */
import type { LoadResult } from './load/drive';
import type { TimingSummary } from './probe';
import { distribution, fixed, markdownTable, mib, quantile, type Distribution } from './stats';

/** One server's rounds taken together. */
export interface Aggregate {
  server: string;
  rounds: number;
  sent: number;
  /** Sum over rounds of the edits the worst observer saw. */
  delivered: number;
  /** Latency over every sample of every round. */
  pooled: Distribution;
  /** Median over rounds of each round's p50 and p99. */
  medianP50: number;
  medianP99: number;
  editsPerSecond: number;
  fanoutPerSecond: number;
  peakRssBytes: number;
  heapUsedBytes: number;
  serverCpuPercent: number;
}

const median = (xs: number[]) => quantile(Float64Array.from(xs).sort(), 0.5);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Takes one server's rounds together. */
export function aggregate(rounds: LoadResult[]): Aggregate {
  return {
    server: rounds[0].server,
    rounds: rounds.length,
    sent: rounds.reduce((n, r) => n + r.sent, 0),
    delivered: rounds.reduce((n, r) => n + r.deliveredMin, 0),
    pooled: distribution(rounds.flatMap((r) => r.samplesMs)),
    medianP50: median(rounds.map((r) => r.latency.p50)),
    medianP99: median(rounds.map((r) => r.latency.p99)),
    editsPerSecond: mean(rounds.map((r) => r.editsPerSecond)),
    fanoutPerSecond: mean(rounds.map((r) => r.fanoutPerSecond)),
    peakRssBytes: Math.max(...rounds.map((r) => r.serverPeakRssBytes)),
    heapUsedBytes: Math.max(...rounds.map((r) => r.serverHeapUsedBytes)),
    serverCpuPercent: mean(rounds.map((r) => r.serverCpuPercent)),
  };
}

/** Every round of every server: the spread, and the noise each round ran under. */
export function roundsTable(results: Array<LoadResult & { round: number }>): string {
  return markdownTable(
    ['round', 'server', 'sent', 'delivered', 'p50 ms', 'p99 ms', 'max ms', 'server CPU %', 'server GC max ms', 'server loop lag max ms', 'driver CPU %', 'driver lag p99/max ms', 'other procs CPU %'],
    results.map((r) => [
      String(r.round),
      r.server,
      String(r.sent),
      `${r.deliveredMin}${r.deliveredMin === r.sent ? '' : ' ✗'}`,
      fixed(r.latency.p50, 2),
      fixed(r.latency.p99, 2),
      fixed(r.latency.max, 1),
      fixed(r.serverCpuPercent, 0),
      fixed(r.probe.gc.max, 1),
      fixed(r.probe.loopLag.max, 1),
      fixed(r.driverCpuPercent, 0),
      `${fixed(r.driver.loopLag.p99, 1)}/${fixed(r.driver.loopLag.max, 1)}`,
      fixed(r.otherCpuPercent, 0),
    ]),
  );
}

/** The headline table: one row per server. */
export function summaryTable(aggs: Aggregate[]): string {
  return markdownTable(
    ['server', 'edits sent', 'delivered to every observer', 'p50 ms', 'p99 ms', 'max ms', 'median-of-rounds p50 / p99 ms', 'edits/s in', 'frames/s out', 'peak RSS MiB', 'heap used MiB', 'server CPU %'],
    aggs.map((a) => [
      a.server,
      String(a.sent),
      `${a.delivered}/${a.sent}${a.delivered === a.sent ? '' : ' ✗'}`,
      fixed(a.pooled.p50, 2),
      fixed(a.pooled.p99, 2),
      fixed(a.pooled.max, 1),
      `${fixed(a.medianP50, 2)} / ${fixed(a.medianP99, 2)}`,
      fixed(a.editsPerSecond, 0),
      fixed(a.fanoutPerSecond, 0),
      mib(a.peakRssBytes),
      mib(a.heapUsedBytes),
      fixed(a.serverCpuPercent, 0),
    ]),
  );
}

/** Ratios ours/reference and the targets, on pooled and on median-of-rounds figures. */
export function verdict(ours: Aggregate, ref: Aggregate): string {
  const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
  const lines: string[] = [];
  for (const [label, p50o, p99o, p50r, p99r] of [
    ['pooled', ours.pooled.p50, ours.pooled.p99, ref.pooled.p50, ref.pooled.p99],
    ['median of rounds', ours.medianP50, ours.medianP99, ref.medianP50, ref.medianP99],
  ] as const) {
    const r50 = p50o / p50r;
    const r99 = p99o / p99r;
    lines.push(
      `${label}: ours/reference p50 ${fixed(r50, 2)}x, p99 ${fixed(r99, 2)}x — targets: p50 <= 2x ${ok(r50 <= 2)}, p99 <= 1.5x ${ok(r99 <= 1.5)}, p99 <= 50 ms ${ok(p99o <= 50)}`,
    );
  }
  lines.push(`every edit delivered to every observer: ${ok(ours.delivered === ours.sent)}`);
  return lines.join('\n');
}

/** Time inside each server process (the probe), summed over rounds per name. */
export function probeTable(results: LoadResult[]): string {
  const rows: string[][] = [];
  for (const server of Array.from(new Set(results.map((r) => r.server)))) {
    const mine = results.filter((r) => r.server === server);
    const names = Array.from(new Set(mine.flatMap((r) => Object.keys(r.probe.timings))));
    const row = (what: string, ts: TimingSummary[]) => {
      const count = ts.reduce((n, t) => n + t.count, 0);
      const total = ts.reduce((n, t) => n + t.totalMs, 0);
      rows.push([server, what, String(count), fixed(total, 1), fixed((total / Math.max(1, count)) * 1000, 0), fixed(Math.max(...ts.map((t) => t.p99)) * 1000, 0), fixed(Math.max(...ts.map((t) => t.max)), 2)]);
    };
    for (const name of names) row(name, mine.map((r) => r.probe.timings[name]).filter(Boolean));
    row('GC pauses', mine.map((r) => r.probe.gc));
    row(`event-loop lag (stalls > 5 ms: ${mine.reduce((n, r) => n + r.probe.stallsOver5ms, 0)})`, mine.map((r) => r.probe.loopLag));
  }
  return markdownTable(['server', 'what', 'count', 'total ms', 'mean µs', 'worst round p99 µs', 'max ms'], rows);
}
