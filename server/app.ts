import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SyncTokens } from './auth/tokens';
import { bindCommands } from './commands';
import { provideConcord, type Concord } from './context';
import type { Config } from './env';
import { securityHeaders } from './http/headers';
import { CLIENT_ADDRESS_HEADER, clientAddress, crossSiteRefusal } from './http/origin';
import type { Logger } from './log';
import { OperationsEndpoints, type ReadinessCheck } from './ops/http';
import { Metrics, type LiveCounts } from './ops/metrics';
import { DeadlineReminders, Notifier, changeWatcher, smtpMailer, type ReminderOptions } from './notify';
import { openStore } from './store';
import type { Store } from './store/types';
import { Cluster, type ClusterOptions } from './sync/cluster';
import { ERROR_STATUS, errorBody } from '../lib/errors';
import { setDisplayTimeZone } from '../lib/i18n';
import { SyncServer, type SyncServerOptions } from './sync/server';

/** A running Concord process: HTTP (Next.js, when enabled) and the sync socket on one port. */
export interface RunningConcord {
  context: Concord;
  server: Server;
  port: number;
  /**
   * Drains and stops: `/readyz` answers 503 and upgrades are refused at once, sync sockets close
   * with "going away" (clients reconnect, to another node), open sheets are stored; HTTP keeps
   * answering for `delayMs` (so a load balancer sees the 503), then in-flight requests finish
   * and the store closes.
   */
  close(options?: { delayMs?: number }): Promise<void>;
}

/** How long in-flight HTTP requests may take to finish once the listener is closed, in ms. */
const HTTP_DRAIN_MS = 5000;

/**
 * Opens the store, starts the sync server and, unless `withNext` is false, the Next.js app, all
 * on one port. Tests start it without Next to exercise the sync server alone.
 */
export async function startConcord(
  config: Config,
  options: { log: Logger; withNext?: boolean; sync?: Partial<SyncServerOptions>; cluster?: Partial<ClusterOptions>; reminders?: Partial<ReminderOptions> },
): Promise<RunningConcord> {
  const log = options.log;
  // Every time shown to a person (pages, exports, emails) is in the organisation's zone, not the server clock's.
  setDisplayTimeZone(config.timeZone);
  const cluster = config.redisUrl ? await Cluster.connect(config.redisUrl, config.nodeId, log, options.cluster) : null;
  const metrics: Metrics = new Metrics((): LiveCounts => ({ connections: sync.connections, openSheets: sync.openSheets }));
  const store: Store = metrics.timed(await openStore(config));
  const tokens = new SyncTokens(config.authSecret);
  const sync: SyncServer = new SyncServer(store, tokens, log, options.sync, cluster, metrics.sync);
  // Ready: the store answers a real query, and Redis a PING when several nodes share it.
  const checks: ReadinessCheck[] = [{ name: 'store', check: async () => void (await store.people.countUsers()) }];
  if (cluster) checks.push({ name: 'redis', check: () => cluster.ping() });
  const ops = new OperationsEndpoints(config, metrics, checks);
  const notifier = new Notifier(store, () => config.publicUrl, log, config.smtp ? smtpMailer(config.smtp) : null);
  sync.listen(changeWatcher(notifier, store));
  const reminders = new DeadlineReminders(store, notifier, log, {
    everyMs: 5 * 60_000,
    daysBefore: config.reminderDaysBefore,
    timeZone: config.timeZone,
    now: () => new Date(),
    ...options.reminders,
  });
  const context = { config, store, tokens, sync, log, notifier } as Concord;
  context.commands = bindCommands(context);
  provideConcord(context);

  const server = createServer();
  let upgradeNext: ((...args: Parameters<NonNullable<Awaited<ReturnType<typeof prepareNext>>>['upgrade']>) => void) | null = null;
  let app: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(404).end();
  if (options.withNext !== false) {
    const next = await prepareNext(config);
    app = (req, res) => void next.handle(req, res);
    upgradeNext = next.upgrade;
  }
  // Probes and metrics first: cheap, no session, no Next.
  const headers = securityHeaders(config);
  server.on('request', (req, res) => {
    if (ops.handle(req, res)) return;
    res.setHeader('X-Request-Id', requestId(req));
    for (const [name, value] of headers) res.setHeader(name, value);
    const refusal = crossSiteRefusal(req, config.publicUrl);
    if (refusal) {
      log.warn('http.crossSite', { method: req.method, path: req.url?.split('?')[0], refusal });
      res.writeHead(ERROR_STATUS.cross_site, { 'content-type': 'application/json' });
      res.end(JSON.stringify(errorBody('cross_site', `refused: a request from another site may not use your session (${refusal})`)));
      return;
    }
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, config.trustProxy);
    app(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    if (sync.handles(req)) {
      sync.handleUpgrade(req, socket, head).catch((err: unknown) => {
        log.error('sync.upgrade.failed', { path: req.url?.split('?')[0], error: String(err) });
        socket.destroy();
      });
    } else if (upgradeNext) upgradeNext(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  reminders.start();
  if (config.port === 0 && config.publicUrl.endsWith(':0')) config.publicUrl = config.publicUrl.replace(/:0$/, `:${port}`);

  let closing: Promise<void> | null = null;
  return {
    context,
    server,
    port,
    close({ delayMs = 0 } = {}) {
      closing ??= (async () => {
        ops.shuttingDown = true;
        const t0 = performance.now();
        await reminders.stop();
        await Promise.all([sync.close('goingAway'), new Promise((r) => setTimeout(r, delayMs))]);
        await notifier.close();
        await cluster?.close();
        log.info('concord.drained', { ms: Math.round(performance.now() - t0) });
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const late = setTimeout(() => server.closeAllConnections(), HTTP_DRAIN_MS);
        await httpClosed;
        clearTimeout(late);
        await store.close();
      })();
      return closing;
    },
  };
}

/** The request's id for logs: the load balancer's `X-Request-Id` when it sent a sane one, else a new one, set on the request for route handlers. */
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given)) return given;
  const id = randomUUID();
  req.headers['x-request-id'] = id;
  return id;
}

async function prepareNext(config: Config) {
  const { default: next } = await import('next');
  const app = next({ dev: config.dev, dir: path.resolve(import.meta.dirname, '..'), hostname: 'localhost', port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  return { handle, upgrade };
}
