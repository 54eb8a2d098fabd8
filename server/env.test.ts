import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './env';

const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-env-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
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

  test('REDIS_URL is a redis:// or rediss:// URL, and the nodes share one AUTH_SECRET', () => {
    const config = loadConfig({ DATA_DIR: dataDir, REDIS_URL: 'rediss://user:pw@redis.internal:6380/2', AUTH_SECRET: secret, NODE_ID: 'web-1' });
    expect(config).toMatchObject({ redisUrl: 'rediss://user:pw@redis.internal:6380/2', nodeId: 'web-1' });
    for (const wrong of ['http://redis.internal', 'not a url']) {
      expect(problemsOf({ REDIS_URL: wrong, AUTH_SECRET: secret })).toEqual([expect.stringMatching(/^REDIS_URL: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/)]);
    }
    expect(problemsOf({ REDIS_URL: 'redis://redis.internal' })).toEqual([expect.stringMatching(/^AUTH_SECRET: several nodes/)]);
    expect(problemsOf({ NODE_ID: 'web 1' })).toEqual([expect.stringMatching(/^NODE_ID: NODE_ID must be 1-64 letters/)]);
  });
});
