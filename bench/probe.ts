import { PerformanceObserver } from 'node:perf_hooks';
import { distribution } from './stats';

/** Durations of one kind of event, in ms. */
export interface TimingSummary {
  count: number;
  totalMs: number;
  p50: number;
  p99: number;
  max: number;
}

/** What a server process did with its time during the load (inside the process, not over the wire). */
export interface ProbeReport {
  /** Wrapped functions of the write path, by name. */
  timings: Record<string, TimingSummary>;
  /** Garbage-collection pauses. */
  gc: TimingSummary;
  /** How late a 5 ms timer fired: the server's event-loop stalls. */
  loopLag: TimingSummary;
  /** Stalls of the event loop over 5 ms. */
  stallsOver5ms: number;
}

const LAG_INTERVAL_MS = 5;

function summary(ms: number[]): TimingSummary {
  const d = distribution(ms);
  return { count: ms.length, totalMs: ms.reduce((a, b) => a + b, 0), p50: d.p50, p99: d.p99, max: d.max };
}

/**
 * Instruments a server process from the outside: times named functions by wrapping them (the
 * server's code is not changed), records GC pauses and event-loop lag. Cheap enough to stay on.
 */
export class Probe {
  private readonly timings = new Map<string, number[]>();
  private gc: number[] = [];
  private lags: number[] = [];
  private due = performance.now() + LAG_INTERVAL_MS;
  private timer: NodeJS.Timeout;
  private readonly observer: PerformanceObserver;

  constructor() {
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) this.gc.push(e.duration);
    });
    this.observer.observe({ entryTypes: ['gc'] });
    const fire = () => {
      const now = performance.now();
      this.lags.push(Math.max(0, now - this.due));
      this.due = now + LAG_INTERVAL_MS;
      this.timer = setTimeout(fire, LAG_INTERVAL_MS).unref();
    };
    this.timer = setTimeout(fire, LAG_INTERVAL_MS).unref();
  }

  /** Stops observing. */
  stop(): void {
    clearTimeout(this.timer);
    this.observer.disconnect();
  }

  /** Replaces `target[key]` by a timed version; a returned promise is timed until it settles. */
  wrap<T extends object>(target: T, key: string, name: string): void {
    const record = (ms: number) => {
      const list = this.timings.get(name);
      if (list) list.push(ms);
      else this.timings.set(name, [ms]);
    };
    const original = (target as Record<string, unknown>)[key] as (...args: unknown[]) => unknown;
    if (typeof original !== 'function') throw new Error(`cannot probe ${name}: ${key} is not a function`);
    (target as Record<string, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      const result = original.apply(this, args);
      if (result instanceof Promise) return result.finally(() => record(performance.now() - t0));
      record(performance.now() - t0);
      return result;
    };
  }

  /** Forgets everything so far (setup is not part of the load). */
  reset(): void {
    this.timings.clear();
    this.gc = [];
    this.lags = [];
  }

  /** Everything recorded since the last reset. */
  report(): ProbeReport {
    return {
      timings: Object.fromEntries(Array.from(this.timings, ([k, v]) => [k, summary(v)])),
      gc: summary(this.gc),
      loopLag: summary(this.lags),
      stallsOver5ms: this.lags.filter((l) => l > 5).length,
    };
  }
}
