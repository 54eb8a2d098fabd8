import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/browser';
import { testServer } from './e2e/server';

if (!existsSync('.next/BUILD_ID')) throw new Error('No Next.js build: run `npx next build` first (`npm test` does it for you).');
const { port, dataDir } = testServer();
const baseURL = `http://127.0.0.1:${port}`;

/**
 * End-to-end tests in a real Chromium against the real server (Next + sync socket on one port)
 * with a fresh data directory. Nothing is built here: `npm test` builds `.next` first.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // One server, one first-run setup: the tests share state and run in order.
  workers: 1,
  fullyParallel: false,
  globalTeardown: './e2e/teardown.ts',
  use: {
    baseURL,
    viewport: { width: 1280, height: 720 },
    locale: 'zh-CN',
    // As in most real deployments: people's browsers in China, the server's clock in UTC (webServer below).
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'npx tsx server/main.ts',
    url: `${baseURL}/api/auth/providers`,
    env: { PORT: port, DATA_DIR: dataDir, PUBLIC_URL: baseURL, HOST: '127.0.0.1', TZ: 'UTC' },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
