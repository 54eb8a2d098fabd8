import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store, UpdateLog } from '../store/types';
import type { SyncMetrics } from '../sync/metrics';

/**
 * Store calls timed by `concord_store_seconds`. With several nodes a room appends inside
 * `exclusive` (the sheet's lock, what other nodes stored since, the append), timed as a whole.
 */
const TIMED: ReadonlyArray<keyof UpdateLog> = ['append', 'load', 'compact', 'since', 'exclusive'];

/** What a gauge reads when Prometheus scrapes. */
export interface LiveCounts {
  connections: number;
  openSheets: number;
}

/**
 * The process's Prometheus metrics, in a registry of its own (tests run several servers in one
 * process). Default metrics cover memory, CPU, GC and event-loop lag.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly sync: SyncMetrics;
  private readonly storeSeconds: Histogram<'op' | 'outcome'>;

  constructor(live: () => LiveCounts) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'concord_sync_connections',
      help: 'Open sync WebSockets',
      registers: [this.registry],
      collect() {
        this.set(live().connections);
      },
    });
    new Gauge({
      name: 'concord_open_sheets',
      help: 'Sheets (rooms) loaded in memory',
      registers: [this.registry],
      collect() {
        this.set(live().openSheets);
      },
    });
    const applied = new Counter({
      name: 'concord_sync_updates_applied_total',
      help: 'Updates applied to open sheets; rate() gives updates per second',
      labelNames: ['origin'],
      registers: [this.registry],
    });
    const refusals = new Counter({
      name: 'concord_sync_refusals_total',
      help: 'Updates or frames the guard refused, by close reason (lib/sync/close.ts)',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.storeSeconds = new Histogram({
      name: 'concord_store_seconds',
      help: 'Duration of update-log store calls',
      labelNames: ['op', 'outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    // Zero series exist from the start, so rate() works before the first event.
    for (const origin of ['peer', 'server']) applied.inc({ origin }, 0);
    this.sync = {
      updateApplied: (origin) => applied.inc({ origin }),
      refused: (reason) => refusals.inc({ reason }),
    };
  }

  /**
   * The store with its update-log calls timed. Everything else is the store itself (delegated
   * through the prototype chain, so adapters that are class instances keep their methods).
   */
  timed(store: Store): Store {
    const updates: UpdateLog = Object.create(store.updates);
    for (const op of TIMED) {
      const call = store.updates[op] as (...args: unknown[]) => Promise<unknown>;
      (updates as unknown as Record<string, unknown>)[op] = async (...args: unknown[]) => {
        const end = this.storeSeconds.startTimer({ op });
        try {
          const result = await call.apply(store.updates, args);
          end({ outcome: 'ok' });
          return result;
        } catch (err) {
          end({ outcome: 'error' });
          throw err;
        }
      };
    }
    return Object.assign(Object.create(store) as Store, { updates });
  }

  /** The text exposition format. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
