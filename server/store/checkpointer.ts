import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS evaluated in the worker, so it runs the same under tsx and under plain node.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Copies the write-ahead log into the database from a worker thread. SQLite's automatic
 * checkpoint runs inside the committing call, on the event loop: a 5-20 ms stall every ~1000
 * pages, which every edit in flight waits for (BENCHMARKS.md). A passive checkpoint from another
 * connection never blocks writers, so the event loop only ever pays for its own commits.
 */
export class Checkpointer {
  private readonly worker: Worker;

  constructor(file: string, everyMs = 1000) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, everyMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    this.worker.unref();
  }

  /** Stops the worker after its current checkpoint. */
  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // Held while closing: an unreferenced worker would let the process end before it finishes.
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }
}
