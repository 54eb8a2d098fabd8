import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A real PostgreSQL for the run (tests/support/postgres.ts).
    globalSetup: ['tests/support/global-setup.ts'],
  },
});
