import { describe, inject } from 'vitest';
import { createDatabase } from './pg-cluster';

/** What the global setup hands to test files: the run's cluster, or why there is none. */
export type ProvidedPostgres = { url: string } | { url: null; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

/** `describe` with the run's PostgreSQL cluster (its superuser URL); skipped with the reason when this machine has none. */
export function describeWithPostgres(name: string, body: (adminUrl: string) => void): void {
  const provided = inject('postgres');
  if (provided.url === null) {
    console.warn(`skipped "${name}": ${provided.reason}`);
    describe.skip(name, () => body(''));
  } else describe(name, () => body(provided.url!));
}

/** A fresh, empty database in the run's cluster. */
export async function newDatabase(): Promise<string> {
  const provided = inject('postgres');
  if (provided.url === null) throw new Error(provided.reason);
  return createDatabase(provided.url);
}

/**
 * The store integration tests run on: a fresh PostgreSQL database in the `server-on-postgres` test project
 * (CONCORD_TEST_STORE=postgres, see vitest.config.ts), otherwise undefined: SQLite in DATA_DIR.
 */
export async function testDatabaseUrl(): Promise<string | undefined> {
  return process.env.CONCORD_TEST_STORE === 'postgres' ? newDatabase() : undefined;
}
