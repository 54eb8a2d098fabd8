import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
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

const secret = 'x'.repeat(40);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dataDir, ...env });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('several nodes: REDIS_URL and NODE_ID', () => {
  test('without REDIS_URL a node is alone, named after its host and process', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.redisUrl).toBeNull();
    expect(config.nodeId).toMatch(new RegExp(`-${process.pid}$`));
  });

  test('REDIS_URL is a redis:// or rediss:// URL, and the nodes share one AUTH_SECRET and one PostgreSQL', () => {
    const db = 'postgres://concord@db/concord';
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db, REDIS_URL: 'rediss://user:pw@redis.internal:6380/2', AUTH_SECRET: secret, NODE_ID: 'web-1' });
    expect(config).toMatchObject({ redisUrl: 'rediss://user:pw@redis.internal:6380/2', nodeId: 'web-1' });
    for (const wrong of ['http://redis.internal', 'not a url']) {
      expect(problemsOf({ DATABASE_URL: db, REDIS_URL: wrong, AUTH_SECRET: secret })).toEqual([expect.stringMatching(/^REDIS_URL: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/)]);
    }
    expect(problemsOf({ REDIS_URL: 'redis://redis.internal' })).toEqual([expect.stringMatching(/^AUTH_SECRET: several nodes/), expect.stringMatching(/^DATABASE_URL: several nodes/)]);
    expect(problemsOf({ NODE_ID: 'web 1' })).toEqual([expect.stringMatching(/^NODE_ID: NODE_ID must be 1-64 letters/)]);
  });
});
