import { defineConfig } from 'vitest/config';
import { findPostgresBin } from './tests/support/pg-cluster.ts';

/** Integration tests that run a second time with the server on PostgreSQL (the `server-on-postgres` project). */
const ON_POSTGRES = [
  'tests/sync/converge.test.ts',
  'tests/sync/compaction.test.ts',
  'tests/sync/unload.test.ts',
  'tests/sync/durability.test.ts',
  'tests/sync/access-change.test.ts',
  'tests/sync/stored-before-sent.test.ts',
  'tests/sync/locks.test.ts',
  'tests/sync/history.test.ts',
  'tests/api/api.test.ts',
  'tests/api/share.test.ts',
  'tests/api/abuse.test.ts',
  'tests/notify/mention.test.ts',
  'tests/notify/assigned.test.ts',
  'tests/notify/reminders.test.ts',
];
// Without PostgreSQL on this machine the second run is left out (under CI the global setup fails instead).
const withPostgres = findPostgresBin() !== null || process.env.CI === 'true';
if (!withPostgres) console.warn('PostgreSQL is not installed: the `server-on-postgres` test project is skipped (apt-get install postgresql)');

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A real PostgreSQL for the run (tests/support/pg-cluster.ts).
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'default', include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts'] } },
      ...(withPostgres ? [{ extends: true as const, test: { name: 'server-on-postgres', include: ON_POSTGRES, env: { CONCORD_TEST_STORE: 'postgres' } } }] : []),
    ],
  },
});
