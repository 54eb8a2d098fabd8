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

test('email is off without SMTP_URL; with it, SMTP_FROM is required and both are kept', () => {
  expect(loadConfig(base()).smtp).toBeNull();
  expect(loadConfig({ ...base(), SMTP_URL: 'smtps://u:p@smtp.example.com:465', SMTP_FROM: 'Concord <c@example.com>' }).smtp).toEqual({
    url: 'smtps://u:p@smtp.example.com:465',
    from: 'Concord <c@example.com>',
  });
  expect(() => loadConfig({ ...base(), SMTP_URL: 'smtp://smtp.example.com' })).toThrow(/SMTP_FROM/);
});

test('a mail URL of another kind and a bad reminder delay are refused with every other problem', () => {
  try {
    loadConfig({ ...base(), SMTP_URL: 'https://smtp.example.com', SMTP_FROM: 'c@example.com', REMINDER_DAYS_BEFORE: 'one' });
    expect.unreachable();
  } catch (err) {
    expect((err as ConfigError).problems).toEqual([expect.stringMatching(/^SMTP_URL: .*smtp:\/\//), expect.stringMatching(/^REMINDER_DAYS_BEFORE/)]);
  }
  expect(loadConfig({ ...base(), REMINDER_DAYS_BEFORE: '3' }).reminderDaysBefore).toBe(3);
  expect(loadConfig(base()).reminderDaysBefore).toBe(1);
});
