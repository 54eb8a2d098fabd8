import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { ServerStats, Target } from '../servers/ipc';
import { machineBusyMs } from '../machine';
import { Probe, type ProbeReport } from '../probe';
import { distribution, type Distribution } from '../stats';
import { RawEditor } from './editor';
import { Observer } from './observer';
import { addParagraphs, TextAppender } from './wire';

/** Shape of one load run. */
export interface LoadOptions {
  editors: number;
  observers: number;
  /** Length of the typing phase, in seconds. */
  seconds: number;
  /** Edits per second per editor. */
  rate: number;
  /** Edits sent in the first this-many seconds still count for delivery but not for latency (JIT warm-up). */
  warmupSeconds: number;
  /** How long to wait after typing stops for the last edits to arrive, in ms. */
  drainMs: number;
}

/** The server process, as the load sees it: resource use and its in-process probe. */
export interface ServerUnderTest {
  stats(): Promise<ServerStats>;
  probe(reset: boolean): Promise<ProbeReport>;
}

/** What one load run measured against one server. */
export interface LoadResult {
  server: string;
  options: LoadOptions;
  /** Edits sent by all editors. */
  sent: number;
  /** Edits seen by the observer that saw the fewest (every observer should see every edit). */
  deliveredMin: number;
  duplicates: number;
  disconnects: number;
  /** Edit-to-observer latency over every (edit, observer) pair after warm-up. */
  latency: Distribution;
  /** The samples behind `latency`, in ms, to pool rounds. */
  samplesMs: number[];
  /** Edits sent per second (the offered load). */
  editsPerSecond: number;
  /** Update frames the server sent per second to the raw editors (its fan-out). */
  fanoutPerSecond: number;
  serverPeakRssBytes: number;
  serverHeapUsedBytes: number;
  /** Server process CPU during typing and drain, as a percentage of one core. */
  serverCpuPercent: number;
  /** The load generator's own CPU, GC and event-loop lag: if these are high, it is the bottleneck. */
  driverCpuPercent: number;
  driver: ProbeReport;
  /** CPU used by every other process on the machine meanwhile (percent of one core): noise. */
  otherCpuPercent: number;
  /** The slowest edits: when they were sent (ms after typing began) and their worst latency, to tell periodic stalls from noise. */
  spikes: Sample[];
  /** Where the server spent its time during the load, seen from inside its process. */
  probe: ProbeReport;
}

/** One edit seen by one observer. */
interface Sample {
  atMs: number;
  ms: number;
}

/** The ten slowest distinct send times, slowest first. */
function spikesOf(samples: Sample[]): Sample[] {
  const worst = new Map<number, number>();
  for (const s of samples) worst.set(s.atMs, Math.max(worst.get(s.atMs) ?? 0, s.ms));
  return Array.from(worst, ([atMs, ms]) => ({ atMs, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** `promise`, or a rejection naming `what` after `ms`: a stuck handshake must fail the run, not hang it. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Where client `i` connects: spread round-robin over the nodes when there are several. */
function nodeUrl(target: Target, i: number): string {
  return target.nodeUrls ? target.nodeUrls[i % target.nodeUrls.length] : target.providerUrl;
}

function withParams(base: string, room: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `${base}/${room}${query ? `?${query}` : ''}`;
}

/**
 * Runs one load against `target`: a setup client lays out one paragraph per editor in `record`,
 * observers connect, editors type at `rate` for `seconds`, then waits for delivery.
 */
export async function driveLoad(target: Target, options: LoadOptions, server: ServerUnderTest): Promise<LoadResult> {
  const stats = () => server.stats();
  const { editors: editorCount, observers: observerCount, seconds, rate } = options;
  const maxSeq = Math.ceil(seconds * rate) + 2;

  // Setup: one paragraph (with its Y.XmlText) per editor, as a real client would create them.
  const setupDoc = new Y.Doc();
  const setup = new WebsocketProvider(target.providerUrl, target.room, setupDoc, {
    params: target.setupParams,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await within(new Promise<void>((resolve) => (setup.synced ? resolve() : setup.once('sync', () => resolve()))), 15_000, 'the setup client to sync');
  const observers = target.observerParams
    .slice(0, observerCount)
    .map((params, i) => new Observer(nodeUrl(target, i), target.room, params, editorCount, maxSeq));
  await within(Promise.all(observers.map((o) => o.synced())), 15_000, 'observers to sync');
  const texts = addParagraphs(setupDoc, editorCount);
  await until(() => observers.every((o) => o.paragraphs >= editorCount), 10_000, 'observers to see the paragraphs');

  const editors = texts.map((text, i) => {
    // Client ids far from Yjs' random ones would be fine too; these just need to be unique.
    const appender = new TextAppender(1_000_000 + i, text._item!.id);
    return new RawEditor(i, withParams(nodeUrl(target, i), target.room, target.editorParams[i]), appender);
  });
  await within(Promise.all(editors.map((e) => e.connect())), 30_000, 'editors to connect');

  // Typing.
  await server.probe(true);
  const before = await stats();
  const driverCpu = process.cpuUsage();
  const driverProbe = new Probe();
  const machine = machineBusyMs();
  let peakRss = before.rssBytes;
  let last = before;
  const sampler = setInterval(() => {
    void stats().then((s) => {
      peakRss = Math.max(peakRss, s.rssBytes);
      last = s;
    });
  }, 500);
  const intervalMs = 1000 / rate;
  const start = performance.now();
  const end = start + seconds * 1000;
  for (const e of editors) e.start(intervalMs, Math.random() * intervalMs, end);
  await sleep(seconds * 1000 + intervalMs);
  const sent = editors.reduce((n, e) => n + e.sent, 0);
  const fanoutFrames = editors.reduce((n, e) => n + e.framesIn, 0);
  const typingMs = performance.now() - start;

  // Drain: wait (bounded) for every observer to have every edit.
  await until(() => observers.every((o) => o.delivered >= sent), options.drainMs, 'delivery').catch(() => undefined);
  const wallMs = performance.now() - start;
  clearInterval(sampler);
  const after = await stats();
  const probe = await server.probe(false);
  peakRss = Math.max(peakRss, after.rssBytes, last.rssBytes);
  const cpu = process.cpuUsage(driverCpu);
  const driver = driverProbe.report();
  driverProbe.stop();
  const machineMs = machineBusyMs() - machine;
  const serverCpuMs = (after.cpuMicros - before.cpuMicros) / 1000;
  const driverCpuMs = (cpu.user + cpu.system) / 1000;

  const warmEnd = start + options.warmupSeconds * 1000;
  const samples: Sample[] = [];
  for (const o of observers) {
    for (const e of editors) {
      const row = o.seenAt[e.index];
      e.sentAt.forEach((sentAt, seq) => {
        if (sentAt >= warmEnd && !Number.isNaN(row[seq])) samples.push({ atMs: sentAt - start, ms: row[seq] - sentAt });
      });
    }
  }

  const result: LoadResult = {
    server: target.name,
    options,
    sent,
    deliveredMin: Math.min(...observers.map((o) => o.delivered)),
    duplicates: observers.reduce((n, o) => n + o.duplicates, 0),
    disconnects: observers.reduce((n, o) => n + o.disconnects, 0),
    latency: distribution(samples.map((x) => x.ms)),
    samplesMs: samples.map((x) => x.ms),
    editsPerSecond: (sent / typingMs) * 1000,
    fanoutPerSecond: (fanoutFrames / typingMs) * 1000,
    serverPeakRssBytes: peakRss,
    serverHeapUsedBytes: after.heapUsedBytes,
    serverCpuPercent: (serverCpuMs / wallMs) * 100,
    driverCpuPercent: (driverCpuMs / wallMs) * 100,
    otherCpuPercent: ((machineMs - serverCpuMs - driverCpuMs) / wallMs) * 100,
    driver,
    spikes: spikesOf(samples),
    probe,
  };
  for (const e of editors) e.close();
  for (const o of observers) o.close();
  setup.destroy();
  setupDoc.destroy();
  return result;
}
