/**
 * Edit-to-peer latency: N editors typing in one sheet, observers timing arrival, against each
 * server in its own process, alternating in rounds so that noise from other processes on the
 * machine hits both alike.
 */
import { driveLoad, type LoadOptions, type LoadResult } from '../load/drive';
import { waitForQuiet } from '../machine';
import { aggregate, probeTable, roundsTable, summaryTable, verdict, type Aggregate } from '../report';
import { ServerProcess } from '../servers/spawn';
import { fixed } from '../stats';

export async function runLatency(
  options: LoadOptions,
  settings: { rounds: number; servers: Array<'concord' | 'reference'>; quietWait: number; profile?: string },
): Promise<{ results: Array<LoadResult & { round: number }>; aggregates: Aggregate[] }> {
  console.log(
    `latency: ${options.editors} editors x ${options.rate} edits/s for ${options.seconds}s, ${options.observers} observers, ` +
      `${settings.rounds} round(s), warm-up ${options.warmupSeconds}s excluded from latency\n`,
  );
  const results: Array<LoadResult & { round: number }> = [];
  for (let round = 1; round <= settings.rounds; round++) {
    // Alternate the order so neither server always runs first (cold disk cache, drift in noise).
    const order = round % 2 === 1 ? settings.servers : [...settings.servers].reverse();
    for (const name of order) {
      const quiet = await waitForQuiet(settings.quietWait);
      if (quiet.waitedSeconds > 1.5) console.log(`(waited ${fixed(quiet.waitedSeconds, 0)} s for other processes to calm down: ${fixed(quiet.otherPercent, 0)}% of a core)`);
      const server = await ServerProcess.start(name, options, { cpuProfileDir: settings.profile });
      try {
        process.stdout.write(`round ${round}: ${name}… `);
        const r = await driveLoad(server.target, options, server);
        console.log(`p50 ${fixed(r.latency.p50, 2)} ms, p99 ${fixed(r.latency.p99, 2)} ms, delivered ${r.deliveredMin}/${r.sent}`);
        results.push({ ...r, round });
      } finally {
        await server.stop();
      }
    }
  }

  const aggregates = settings.servers.map((name) => aggregate(results.filter((r) => r.server === name)));
  console.log(`\n### Results: ${options.editors} editors\n\n${summaryTable(aggregates)}\n`);
  const ours = aggregates.find((a) => a.server === 'concord');
  const ref = aggregates.find((a) => a.server === 'reference');
  if (ours && ref) console.log(`${verdict(ours, ref)}\n`);
  console.log(`### Rounds\n\n${roundsTable(results)}\n`);
  for (const r of results) {
    console.log(`round ${r.round} ${r.server}, slowest edits (sent at s: ms): ${r.spikes.map((s) => `${fixed(s.atMs / 1000, 2)}: ${fixed(s.ms, 1)}`).join(', ')}`);
  }
  console.log(`\n### Inside the server processes during the load\n\n${probeTable(results)}\n`);
  return { results, aggregates };
}
