import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from './env';

const base = () => ({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'concord-env-')) });

test('TIME_ZONE defaults to Asia/Shanghai and takes any IANA name', () => {
  expect(loadConfig(base()).timeZone).toBe('Asia/Shanghai');
  expect(loadConfig({ ...base(), TIME_ZONE: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
});

test('an unknown TIME_ZONE is refused at start-up with the other problems', () => {
  try {
    loadConfig({ ...base(), TIME_ZONE: 'Beijing', PORT: 'x' });
    expect.unreachable();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([expect.stringMatching(/^PORT/), expect.stringMatching(/^TIME_ZONE: .*IANA/)]);
  }
});
