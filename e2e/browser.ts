import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

/** Flags for Chromium in a container: no sandbox, no GPU, and none of the background traffic a test must not depend on. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SYSTEM_CHROMIUMS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The Chromium the end-to-end tests drive: `CHROMIUM_PATH` if set, else a system Chromium or
 * Chrome, else Playwright's own download (undefined: Playwright finds it). Throws with what to
 * install when there is none, rather than letting every test fail with a launch error.
 */
export function chromiumExecutable(): string | undefined {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH=${chosen} does not exist`);
    return chosen;
  }
  const system = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : SYSTEM_CHROMIUMS.map(onPath).find(Boolean);
  if (system) return system;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one of: the system package (Debian: `apt-get install chromium`), ' +
      "Google Chrome, or Playwright's browser (`npx playwright install chromium`); or set CHROMIUM_PATH to a Chromium binary.",
  );
}
