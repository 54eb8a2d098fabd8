// `npm test`: everything, in order: type check, build, unit + integration tests, end-to-end
// tests; then one closing line with the number of tests passed and failed across both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt } from './build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'test-results', 'counts');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (label, command, args, env = {}) => {
  console.log(`\n▶ ${label}`);
  return spawnSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } }).status === 0;
};
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

const typed = run('type check', bin('tsc'), ['--noEmit']);
ensureBuilt();
const vitestFile = path.join(out, 'vitest.json');
const unitOk = run('unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`]);
const e2eFile = path.join(out, 'playwright.json');
const e2eOk = run('end-to-end tests (playwright, real Chromium)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eFile });

const unit = readJson(vitestFile);
const e2e = readJson(e2eFile)?.stats;
const passed = (unit?.numPassedTests ?? 0) + (e2e?.expected ?? 0) + (e2e?.flaky ?? 0);
// A runner that crashed before reporting counts as one failure, so the line never reads clean.
const failed = (unit ? unit.numFailedTests : 1) + (e2e ? e2e.unexpected : 1) + (typed ? 0 : 1);
console.log(`\n${typed ? '' : 'type check failed\n'}${passed} passed, ${failed} failed`);
process.exit(typed && unitOk && e2eOk && failed === 0 ? 0 : 1);
