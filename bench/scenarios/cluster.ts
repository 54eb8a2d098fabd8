/**
 * Edit-to-peer latency across two nodes: the same load as the one-node scenario, editors and
 * observers spread round-robin over two Concord nodes sharing a real PostgreSQL and a real
 * Redis (each node its own process), so most edits cross from one node to the other. The
 * reference has no way to run as two nodes: its figure is the one-node run, same load.
 */
import { findPostgresBin, startPostgres, createDatabase, type PostgresCluster } from '../../tests/support/pg-cluster';
import { redisMissing, RedisServer } from '../../tests/support/redis';
import { driveLoad, type LoadOptions, type LoadResult, type ServerUnderTest } from '../load/drive';
import { waitForQuiet } from '../machine';
import type { ProbeReport } from '../probe';
import { aggregate, probeTable, roundsTable, summaryTable, verdict, type Aggregate } from '../report';
import type { ServerStats } from '../servers/ipc';
import { ServerProcess } from '../servers/spawn';
import { fixed } from '../stats';

/** Two server processes seen as one by the load: memory and CPU summed, the first node's probe. */
function both(a: ServerProcess, b: ServerProcess): ServerUnderTest {
  return {
    async stats(): Promise<ServerStats> {
      const [x, y] = await Promise.all([a.stats(), b.stats()]);
      return { rssBytes: x.rssBytes + y.rssBytes, heapUsedBytes: x.heapUsedBytes + y.heapUsedBytes, cpuMicros: x.cpuMicros + y.cpuMicros };
    },
    probe: (reset: boolean): Promise<ProbeReport> => b.probe(reset).then(() => a.probe(reset)),
  };
}

export async function runCluster(options: LoadOptions, settings: { rounds: number; quietWait: number }): Promise<{ results: Array<LoadResult & { round: number }>; aggregates: Aggregate[] }> {
  const bin = findPostgresBin();
  const missing = bin === null ? 'PostgreSQL is not installed (apt-get install postgresql, or PG_BIN)' : redisMissing();
  if (missing) throw new Error(`two nodes: ${missing}`);
  console.log(`two nodes: ${options.editors} editors x ${options.rate} edits/s for ${options.seconds}s, ${options.observers} observers, spread over 2 nodes (PostgreSQL + Redis); reference on one node\n`);
  const pg: PostgresCluster = await startPostgres(bin!);
  const redis = await RedisServer.start();
  const results: Array<LoadResult & { round: number }> = [];
  try {
    for (let round = 1; round <= settings.rounds; round++) {
      for (const name of round % 2 === 1 ? (['reference', 'concord'] as const) : (['concord', 'reference'] as const)) {
        await waitForQuiet(settings.quietWait);
        process.stdout.write(`round ${round}: ${name === 'concord' ? 'concord, two nodes' : 'reference, one node'}… `);
        let r: LoadResult;
        if (name === 'reference') {
          const server = await ServerProcess.start('reference', options);
          try {
            r = await driveLoad(server.target, options, server);
          } finally {
            await server.stop();
          }
        } else {
          const env = { DATABASE_URL: await createDatabase(pg.url), REDIS_URL: redis.url, AUTH_SECRET: 'bench-secret-shared-by-both-nodes-0123456789' };
          const a = await ServerProcess.start('concord', options, { env: { ...env, NODE_ID: 'bench-a' } });
          const b = await ServerProcess.start('concord', options, { env: { ...env, NODE_ID: 'bench-b', BENCH_FOLLOWER: '1' } });
          try {
            r = await driveLoad({ ...a.target, name: 'concord (2 nodes)', nodeUrls: [a.target.providerUrl, b.target.providerUrl] }, options, both(a, b));
          } finally {
            await Promise.all([a.stop(), b.stop()]);
          }
        }
        console.log(`p50 ${fixed(r.latency.p50, 2)} ms, p99 ${fixed(r.latency.p99, 2)} ms, delivered ${r.deliveredMin}/${r.sent}`);
        results.push({ ...r, round });
      }
    }
  } finally {
    await redis.stop();
    await pg.stop();
  }
  const aggregates = ['reference', 'concord (2 nodes)'].map((name) => aggregate(results.filter((r) => r.server === name)));
  console.log(`\n### Results: ${options.editors} editors over two nodes\n\n${summaryTable(aggregates)}\n`);
  console.log(`${verdict(aggregates[1], aggregates[0])}\n`);
  console.log(`### Rounds\n\n${roundsTable(results)}\n`);
  console.log(`### Inside the first node during the load\n\n${probeTable(results)}\n`);
  return { results, aggregates };
}
