/**
 * `npm run bench`: Concord against the reference y-websocket server (@y/websocket-server 0.1.1)
 * under the same load in the same run, scenario by scenario, printing the ratio and the target.
 *
 *   npm run bench -- [--only latency,cluster,idle,sheets,cold,micro]   (default: all)
 *     latency: [--editors 30,100] [--seconds 20] [--rounds 3] [--observers 3] [--rate 5] [--warmup 2]
 *              [--servers reference,concord] [--profile dir] [--quiet-wait 60]
 *     cluster: same options as latency, editors spread over two nodes (needs postgresql and redis-server)
 *     idle:    [--connections 10000] [--per-sheet 100]
 *     sheets:  [--sheets 200] [--keystrokes 3000]      (memory per open sheet)
 *     cold:    [--history 100000] [--cold-rounds 3]    (cold open of a long history)
 *   [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { LoadOptions } from './load/drive';
import { checkEncoding } from './load/wire';
import { printMicro, runMicro } from './micro';
import { runCluster } from './scenarios/cluster';
import { runCold } from './scenarios/cold';
import { runLatency } from './scenarios/latency';
import { runIdle, runSheets } from './scenarios/many';
import { fixed } from './stats';

const SCENARIOS = ['latency', 'cluster', 'idle', 'sheets', 'cold', 'micro'] as const;

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: SCENARIOS.join(',') },
    editors: { type: 'string', default: '30,100' },
    observers: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    servers: { type: 'string', default: 'reference,concord' },
    connections: { type: 'string', default: '10000' },
    'per-sheet': { type: 'string', default: '100' },
    sheets: { type: 'string', default: '200' },
    keystrokes: { type: 'string', default: '3000' },
    history: { type: 'string', default: '100000' },
    'cold-rounds': { type: 'string', default: '3' },
    json: { type: 'string' },
    profile: { type: 'string' },
    'quiet-wait': { type: 'string', default: '60' },
  },
});

const only = new Set(values.only.split(','));
for (const s of only) if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`unknown scenario ${s}; one of ${SCENARIOS.join(', ')}`);
const out: Record<string, unknown> = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version } };

function loadOptions(editors: number): LoadOptions {
  return { editors, observers: Number(values.observers), seconds: Number(values.seconds), rate: Number(values.rate), warmupSeconds: Number(values.warmup), drainMs: 10_000 };
}

console.log(`machine: ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg().map((l) => fixed(l, 2)).join(' ')}\n`);

if (only.has('latency')) {
  // A wrong hand-encoded edit would make every figure meaningless (or get refused by the guard).
  checkEncoding();
  const latency: Record<string, unknown> = {};
  for (const editors of values.editors.split(',').map(Number)) {
    console.log(`## Latency: ${editors} editors in one sheet, one node\n`);
    const options = loadOptions(editors);
    const { results, aggregates } = await runLatency(options, {
      rounds: Number(values.rounds),
      servers: values.servers.split(',') as Array<'concord' | 'reference'>,
      quietWait: Number(values['quiet-wait']),
      profile: values.profile,
    });
    latency[editors] = { options, aggregates, results: results.map(({ samplesMs: _samples, ...rest }) => rest) };
  }
  out.latency = latency;
}
if (only.has('cluster')) {
  checkEncoding();
  const cluster: Record<string, unknown> = {};
  for (const editors of values.editors.split(',').map(Number)) {
    console.log(`## Latency: ${editors} editors in one sheet, two nodes\n`);
    const options = loadOptions(editors);
    const { results, aggregates } = await runCluster(options, { rounds: Number(values.rounds), quietWait: Number(values['quiet-wait']) });
    cluster[editors] = { options, aggregates, results: results.map(({ samplesMs: _samples, ...rest }) => rest) };
  }
  out.cluster = cluster;
}
if (only.has('idle')) {
  console.log(`## Idle connections on one node\n`);
  out.idle = await runIdle({ connections: Number(values.connections), perSheet: Number(values['per-sheet']) });
}
if (only.has('sheets')) {
  console.log(`## Memory per open sheet\n`);
  out.sheets = await runSheets({ sheets: Number(values.sheets), keystrokes: Number(values.keystrokes) });
}
if (only.has('cold')) {
  console.log(`## Cold open of a long history\n`);
  out.cold = await runCold({ updates: Number(values.history), rounds: Number(values['cold-rounds']) });
}
if (only.has('micro')) {
  console.log('## Where our time goes per update (microbenchmark)\n');
  const editors = Number(values.editors.split(',')[0]);
  const micro = await runMicro({ editors, history: Math.round(editors * Number(values.rate) * Number(values.seconds)) });
  printMicro(micro);
  out.micro = micro;
}
if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 2));
