import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgres } from './pg-cluster';

/**
 * Once per test run: a real PostgreSQL cluster for the tests that need one (each makes its own
 * databases in it). Without PostgreSQL on the machine those tests are skipped with the reason,
 * except under CI, where a missing PostgreSQL fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = findPostgresBin();
  if (!bin) {
    const reason = 'PostgreSQL is not installed (no initdb/pg_ctl/postgres in PG_BIN, /usr/lib/postgresql/*/bin or PATH; apt-get install postgresql)';
    if (process.env.CI === 'true') throw new Error(`CI=true: ${reason}`);
    project.provide('postgres', { url: null, reason });
    return async () => {};
  }
  const cluster = await startPostgres(bin);
  project.provide('postgres', { url: cluster.url });
  return () => cluster.stop();
}
