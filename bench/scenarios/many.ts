/**
 * Many sheets, many idle sockets: the memory a node needs for (a) 10,000 idle connections and
 * (b) each open sheet. Both servers get the same sockets; memory is read in the server process
 * after a full GC, before and after, so the difference is what the connections / sheets keep.
 */
import { readFileSync } from 'node:fs';
import { typingHistory, stateOf } from '../history';
import { openMany } from '../load/idle';
import { waitForQuiet } from '../machine';
import { ServerProcess } from '../servers/spawn';
import { fixed, markdownTable, mib } from '../stats';

export interface ManyResult {
  server: string;
  sockets: number;
  sheets: number;
  connectSeconds: number;
  baseline: { rssBytes: number; heapUsedBytes: number };
  loaded: { rssBytes: number; heapUsedBytes: number };
  peakRssBytes: number;
  /** Sockets still open at the end (none dropped by the server meanwhile). */
  stillOpen: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens `sheets` × `perSheet` idle sockets against each server, with `content` written into each sheet by its first socket. */
async function measure(name: 'concord' | 'reference', sheets: number, perSheet: number, content?: Uint8Array): Promise<ManyResult> {
  await waitForQuiet(60);
  const server = await ServerProcess.start(name, { editors: 0, observers: 0, sheets, perSheet });
  try {
    await sleep(1000);
    const baseline = await server.stats({ gc: true });
    let peak = baseline.rssBytes;
    const sampler = setInterval(() => void server.stats().then((s) => (peak = Math.max(peak, s.rssBytes))), 500);
    const urls = server.target.sockets.map(({ room, params }) => `${server.target.providerUrl}/${room}?${new URLSearchParams(params)}`);
    const t0 = performance.now();
    // The first socket of each sheet writes the content; the others only join.
    const writers = content ? await openMany(urls.filter((_, i) => i % perSheet === 0), { content, concurrency: 20 }) : [];
    const joiners = await openMany(content ? urls.filter((_, i) => i % perSheet !== 0) : urls, { concurrency: 100 });
    const sockets = [...writers, ...joiners];
    const connectSeconds = (performance.now() - t0) / 1000;
    await sleep(3000);
    clearInterval(sampler);
    const loaded = await server.stats({ gc: true });
    const stillOpen = sockets.filter((ws) => ws.readyState === ws.OPEN).length;
    for (const ws of sockets) ws.terminate();
    return { server: name, sockets: urls.length, sheets, connectSeconds, baseline, loaded, peakRssBytes: Math.max(peak, loaded.rssBytes), stillOpen };
  } finally {
    await server.stop();
  }
}

/** The soft limit on open files of this process (the server children inherit it), from /proc; Infinity if unknown. */
function openFilesLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return Infinity;
  }
}

/** 10,000 idle connections (100 sheets × 100 people by default) on one node. */
export async function runIdle(options: { connections: number; perSheet: number }): Promise<ManyResult[]> {
  // Each side of each socket is a file descriptor in its process (generator and server alike).
  const limit = openFilesLimit();
  if (limit < options.connections + 500) throw new Error(`idle: ${options.connections} sockets need more open files than the limit ${limit}; run \`ulimit -n ${options.connections + 1000}\` in this shell first`);
  const sheets = Math.ceil(options.connections / options.perSheet);
  const results: ManyResult[] = [];
  for (const name of ['reference', 'concord'] as const) {
    process.stdout.write(`idle: ${name}, ${sheets * options.perSheet} sockets… `);
    const r = await measure(name, sheets, options.perSheet);
    console.log(`${r.stillOpen} open, RSS ${mib(r.loaded.rssBytes)} MiB`);
    results.push(r);
  }
  const ours = results[1];
  const ref = results[0];
  const perConn = (r: ManyResult) => (r.loaded.rssBytes - r.baseline.rssBytes) / r.sockets / 1024;
  const perConnHeap = (r: ManyResult) => (r.loaded.heapUsedBytes - r.baseline.heapUsedBytes) / r.sockets / 1024;
  console.log(
    `\n${markdownTable(
      ['server', 'sockets (sheets × people)', 'still open', 'connect s', 'RSS before → after MiB', 'peak RSS MiB', 'heap before → after MiB', 'RSS per socket KiB', 'heap per socket KiB'],
      results.map((r) => [
        r.server,
        `${r.sockets} (${r.sheets} × ${r.sockets / r.sheets})`,
        String(r.stillOpen),
        fixed(r.connectSeconds, 1),
        `${mib(r.baseline.rssBytes)} → ${mib(r.loaded.rssBytes)}`,
        mib(r.peakRssBytes),
        `${mib(r.baseline.heapUsedBytes)} → ${mib(r.loaded.heapUsedBytes)}`,
        fixed(perConn(r), 1),
        fixed(perConnHeap(r), 1),
      ]),
    )}\n`,
  );
  console.log(
    `ours/reference: RSS ${fixed(ours.loaded.rssBytes / ref.loaded.rssBytes, 2)}x, RSS per socket ${fixed(perConn(ours) / perConn(ref), 2)}x — ` +
      `target: ${options.connections} idle connections in <= 512 MiB RSS ${ours.peakRssBytes <= 512 * 1024 * 1024 && ours.stillOpen === ours.sockets ? 'ok' : 'MISSED'}\n`,
  );
  return results;
}

/** Memory per open sheet: `sheets` typical sheets, each written by one socket that stays connected. */
export async function runSheets(options: { sheets: number; keystrokes: number }): Promise<ManyResult[]> {
  const content = stateOf(typingHistory(options.keystrokes, 5));
  console.log(`typical sheet: header, 4 recipients, 8 tasks and ${options.keystrokes} keystrokes by 5 people in the record = ${content.length} bytes encoded`);
  const results: ManyResult[] = [];
  for (const name of ['reference', 'concord'] as const) {
    process.stdout.write(`sheets: ${name}, ${options.sheets} open sheets… `);
    const r = await measure(name, options.sheets, 1, content);
    console.log(`${r.stillOpen} open, RSS ${mib(r.loaded.rssBytes)} MiB`);
    results.push(r);
  }
  const perSheet = (r: ManyResult) => (r.loaded.rssBytes - r.baseline.rssBytes) / r.sheets / 1024 / 1024;
  const perSheetHeap = (r: ManyResult) => (r.loaded.heapUsedBytes - r.baseline.heapUsedBytes) / r.sheets / 1024 / 1024;
  console.log(
    `\n${markdownTable(
      ['server', 'open sheets (1 socket each)', 'RSS before → after MiB', 'heap before → after MiB', 'RSS per sheet MiB', 'heap per sheet MiB'],
      results.map((r) => [
        r.server,
        String(r.sheets),
        `${mib(r.baseline.rssBytes)} → ${mib(r.loaded.rssBytes)}`,
        `${mib(r.baseline.heapUsedBytes)} → ${mib(r.loaded.heapUsedBytes)}`,
        fixed(perSheet(r), 3),
        fixed(perSheetHeap(r), 3),
      ]),
    )}\n`,
  );
  const [ref, ours] = results;
  console.log(`ours/reference: RSS per sheet ${fixed(perSheet(ours) / perSheet(ref), 2)}x, heap per sheet ${fixed(perSheetHeap(ours) / perSheetHeap(ref), 2)}x — target: <= 5 MB per open sheet ${perSheet(ours) <= 5 ? 'ok' : 'MISSED'}\n`);
  return results;
}
