import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './env';

const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-env-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('DATABASE_URL selects PostgreSQL; without it the store is SQLite in DATA_DIR', () => {
  expect(loadConfig({ DATA_DIR: dataDir }).databaseUrl).toBeNull();
  expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://concord:pw@db:5432/concord' }).databaseUrl).toBe('postgres://concord:pw@db:5432/concord');
  expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgresql://db/concord?sslmode=require' }).databaseUrl).toBe('postgresql://db/concord?sslmode=require');
});

test('a DATABASE_URL that is not PostgreSQL is reported with every other problem', () => {
  let error: unknown;
  try {
    loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://db/concord', PORT: 'eighty' });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^PORT: /), expect.stringMatching(/^DATABASE_URL: DATABASE_URL must be a PostgreSQL URL/)]);
  expect(() => loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
});
