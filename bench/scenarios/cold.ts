/**
 * Cold open of a sheet with a long history, server side: from the store load to a room ready to
 * answer sync step 1, in a fresh process on a fresh copy of the data each time. Ours: the
 * history written through the room (as in production: compacted every 500 updates) and, as a
 * worst case, the same updates as one never-compacted log. The reference: its own persistence
 * (y-leveldb, as YPERSISTENCE sets it up), first open (the raw log) and the next (trimmed).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitForQuiet } from '../machine';
import { fixed, markdownTable, mib, quantile } from '../stats';

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, '..', 'servers', 'cold.ts');

interface OpenFigures {
  logLength?: number;
  openMs: number;
  readyMs: number;
  step2Ms: number;
  stateBytes: number;
  heapUsedBytes: number;
}

async function step(args: string[]): Promise<any> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

/** Copies `dir` so the open runs on data no earlier open touched (ours compacts a long log once opened). */
function copy(dir: string): string {
  const to = mkdtempSync(path.join(tmpdir(), 'concord-cold-open-'));
  cpSync(dir, to, { recursive: true });
  return to;
}

export async function runCold(options: { updates: number; rounds: number }): Promise<Record<string, OpenFigures[]>> {
  const ours = mkdtempSync(path.join(tmpdir(), 'concord-cold-'));
  const theirs = mkdtempSync(path.join(tmpdir(), 'reference-cold-'));
  try {
    process.stdout.write(`cold: writing ${options.updates} keystroke updates through our room and store, and through y-leveldb… `);
    const built = await step(['concord', 'build', ours, String(options.updates)]);
    const builtRef = await step(['reference', 'build', theirs, String(options.updates)]);
    console.log(`ours ${fixed(built.viaRoomMs / 1000, 1)} s via the room, ${fixed(built.appendMs / 1000, 1)} s as a raw log; reference ${fixed(builtRef.appendMs / 1000, 1)} s`);
    const figures: Record<string, OpenFigures[]> = { 'concord, compacted (production path)': [], 'concord, raw log (worst case)': [], 'reference, first open (raw log)': [], 'reference, next open (trimmed)': [] };
    for (let round = 0; round < options.rounds; round++) {
      await waitForQuiet(60);
      for (const [label, sheet] of [['concord, compacted (production path)', built.sheets.compacted], ['concord, raw log (worst case)', built.sheets.raw]] as const) {
        const dir = copy(ours);
        figures[label].push(await step(['concord', 'open', dir, sheet]));
        rmSync(dir, { recursive: true, force: true });
      }
      const dir = copy(theirs);
      figures['reference, first open (raw log)'].push(await step(['reference', 'open', dir]));
      figures['reference, next open (trimmed)'].push(await step(['reference', 'open', dir]));
      rmSync(dir, { recursive: true, force: true });
    }
    const med = (xs: number[]) => quantile(Float64Array.from(xs).sort(), 0.5);
    console.log(
      `\n${markdownTable(
        ['server, history', 'log entries loaded', 'open → ready ms (median)', 'per round ms', 'first sync step 2 ms', 'document bytes', 'heap after MiB'],
        Object.entries(figures).map(([label, f]) => [
          label,
          String(f[0].logLength ?? (label.includes('first') ? options.updates : 'trimmed')),
          fixed(med(f.map((x) => x.readyMs)), 1),
          f.map((x) => fixed(x.readyMs, 0)).join(', '),
          fixed(med(f.map((x) => x.step2Ms)), 1),
          String(f[0].stateBytes),
          mib(f[0].heapUsedBytes),
        ]),
      )}\n`,
    );
    const oursMs = med(figures['concord, compacted (production path)'].map((x) => x.readyMs));
    const refMs = med(figures['reference, next open (trimmed)'].map((x) => x.readyMs));
    const rawMs = med(figures['concord, raw log (worst case)'].map((x) => x.readyMs));
    const refRawMs = med(figures['reference, first open (raw log)'].map((x) => x.readyMs));
    console.log(
      `ours/reference: compacted ${fixed(oursMs / refMs, 2)}x, raw log ${fixed(rawMs / refRawMs, 2)}x — target: cold open of a ${options.updates}-update history <= 100 ms: ${oursMs <= 100 ? 'ok' : 'MISSED'} (production path), ${rawMs <= 100 ? 'ok' : 'MISSED'} (never-compacted log)\n`,
    );
    return figures;
  } finally {
    rmSync(ours, { recursive: true, force: true });
    rmSync(theirs, { recursive: true, force: true });
  }
}
