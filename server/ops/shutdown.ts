import type { RunningConcord } from '../app';
import type { Config } from '../env';
import type { Logger } from '../log';

/**
 * SIGTERM / SIGINT: drain (see `RunningConcord.close`) and exit 0, or 1 if the store failed or
 * draining took longer than SHUTDOWN_TIMEOUT_MS. A second signal exits at once.
 */
export function exitGracefullyOnSignals(running: RunningConcord, config: Config, log: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn('concord.stop.forced', { signal });
      process.exit(1);
    }
    stopping = true;
    const { shutdownDelayMs, shutdownTimeoutMs } = config.ops;
    log.info('concord.stopping', { signal, delayMs: shutdownDelayMs, timeoutMs: shutdownTimeoutMs });
    const t0 = performance.now();
    setTimeout(() => {
      log.error('concord.stop.timeout', { timeoutMs: shutdownTimeoutMs });
      process.exit(1);
    }, shutdownTimeoutMs).unref();
    running.close({ delayMs: shutdownDelayMs }).then(
      () => {
        log.info('concord.stopped', { ms: Math.round(performance.now() - t0) });
        process.exit(0);
      },
      (err: unknown) => {
        log.error('concord.stop.failed', { error: err instanceof Error ? err.stack : String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
