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

test('TIME_ZONE defaults to Asia/Shanghai and takes any IANA name', () => {
  expect(loadConfig({ DATA_DIR: dataDir }).timeZone).toBe('Asia/Shanghai');
  expect(loadConfig({ DATA_DIR: dataDir, TIME_ZONE: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
});

test('an unknown TIME_ZONE is refused at start-up with the other problems', () => {
  expect(problemsOf({ TIME_ZONE: 'Beijing', PORT: 'x' })).toEqual([expect.stringMatching(/^PORT/), expect.stringMatching(/^TIME_ZONE: .*IANA/)]);
});

test('email is off without SMTP_URL; with it, SMTP_FROM is required and both are kept', () => {
  expect(loadConfig({ DATA_DIR: dataDir }).smtp).toBeNull();
  expect(loadConfig({ DATA_DIR: dataDir, SMTP_URL: 'smtps://u:p@smtp.example.com:465', SMTP_FROM: 'Concord <c@example.com>' }).smtp).toEqual({
    url: 'smtps://u:p@smtp.example.com:465',
    from: 'Concord <c@example.com>',
  });
  expect(problemsOf({ SMTP_URL: 'smtp://smtp.example.com' })).toEqual([expect.stringMatching(/^SMTP: .*SMTP_FROM/)]);
});

test('a mail URL of another kind and a bad reminder delay are refused with every other problem', () => {
  expect(problemsOf({ SMTP_URL: 'https://smtp.example.com', SMTP_FROM: 'c@example.com', REMINDER_DAYS_BEFORE: 'one' })).toEqual([
    expect.stringMatching(/^SMTP_URL: .*smtp:\/\//),
    expect.stringMatching(/^REMINDER_DAYS_BEFORE/),
  ]);
  expect(loadConfig({ DATA_DIR: dataDir, REMINDER_DAYS_BEFORE: '3' }).reminderDaysBefore).toBe(3);
  expect(loadConfig({ DATA_DIR: dataDir }).reminderDaysBefore).toBe(1);
});
