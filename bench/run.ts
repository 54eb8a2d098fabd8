/**
 * `npm run bench`: Concord's sync server against the reference y-websocket server under the same
 * load, each in its own process, alternating in rounds so that noise from other processes on the
 * machine hits both alike; then the microbenchmark of our write path.
 *
 *   npm run bench -- [--editors 30] [--seconds 20] [--rounds 3] [--observers 3] [--rate 5]
 *                    [--servers reference,concord] [--no-micro] [--json out.json] [--profile dir]
 *                    [--quiet-wait 60]   (seconds to wait, before each run, for other processes to go quiet)
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { driveLoad, type LoadOptions, type LoadResult } from './load/drive';
import { checkEncoding } from './load/wire';
import { waitForQuiet } from './machine';
import { printMicro, runMicro, type MicroResult } from './micro';
import { aggregate, probeTable, roundsTable, summaryTable, verdict } from './report';
import { ServerProcess } from './servers/spawn';
import { fixed } from './stats';

const { values } = parseArgs({
  options: {
    editors: { type: 'string', default: '30' },
    observers: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    servers: { type: 'string', default: 'reference,concord' },
    'no-micro': { type: 'boolean', default: false },
    json: { type: 'string' },
    profile: { type: 'string' },
    'quiet-wait': { type: 'string', default: '60' },
  },
});

const options: LoadOptions = {
  editors: Number(values.editors),
  observers: Number(values.observers),
  seconds: Number(values.seconds),
  rate: Number(values.rate),
  warmupSeconds: Number(values.warmup),
  drainMs: 10_000,
};
const servers = values.servers.split(',') as Array<'concord' | 'reference'>;
const rounds = Number(values.rounds);

// A wrong hand-encoded edit would make every figure meaningless (or get refused by the guard).
checkEncoding();
console.log(`machine: ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg().map((l) => fixed(l, 2)).join(' ')}`);
console.log(
  `load: ${options.editors} editors x ${options.rate} edits/s for ${options.seconds}s, ${options.observers} observers, ` +
    `${rounds} round(s), warm-up ${options.warmupSeconds}s excluded from latency\n`,
);

const results: Array<LoadResult & { round: number }> = [];
for (let round = 1; round <= rounds; round++) {
  // Alternate the order so neither server always runs first (cold disk cache, drift in noise).
  const order = round % 2 === 1 ? servers : [...servers].reverse();
  for (const name of order) {
    const quiet = await waitForQuiet(Number(values['quiet-wait']));
    if (quiet.waitedSeconds > 1.5) console.log(`(waited ${fixed(quiet.waitedSeconds, 0)} s for other processes to calm down: ${fixed(quiet.otherPercent, 0)}% of a core)`);
    const server = await ServerProcess.start(name, options, { cpuProfileDir: values.profile });
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

const aggs = servers.map((name) => aggregate(results.filter((r) => r.server === name)));
console.log(`\n## Results\n\n${summaryTable(aggs)}\n`);
const ours = aggs.find((a) => a.server === 'concord');
const ref = aggs.find((a) => a.server === 'reference');
if (ours && ref) console.log(`${verdict(ours, ref)}\n`);
console.log(`## Rounds\n\n${roundsTable(results)}\n`);
for (const r of results) {
  console.log(`round ${r.round} ${r.server}, slowest edits (sent at s: ms): ${r.spikes.map((s) => `${fixed(s.atMs / 1000, 2)}: ${fixed(s.ms, 1)}`).join(', ')}`);
}
console.log(`\n## Inside the server processes during the load\n\n${probeTable(results)}\n`);

let micro: MicroResult | null = null;
if (!values['no-micro']) {
  console.log('## Where our time goes per update (microbenchmark)\n');
  micro = await runMicro({ editors: options.editors, history: Math.round(options.editors * options.rate * options.seconds) });
  printMicro(micro);
}
if (values.json) {
  const slim = results.map(({ samplesMs: _samples, ...rest }) => rest);
  writeFileSync(values.json, JSON.stringify({ options, machine: { cpus: os.cpus().length, node: process.version }, aggregates: aggs, results: slim, micro }, null, 2));
}
