import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SyncTokens } from './auth/tokens';
import { bindCommands } from './commands';
import { provideConcord, type Concord } from './context';
import type { Config } from './env';
import { withFields, type Logger } from './log';
import { openStore } from './store';
import { Cluster, type ClusterOptions } from './sync/cluster';
import { SyncServer, type SyncServerOptions } from './sync/server';

/** A running Concord process: HTTP (Next.js, when enabled) and the sync socket on one port. */
export interface RunningConcord {
  context: Concord;
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Opens the store, starts the sync server and, unless `withNext` is false, the Next.js app, all
 * on one port. Tests start it without Next to exercise the sync server alone.
 */
export async function startConcord(
  config: Config,
  options: { log: Logger; withNext?: boolean; sync?: Partial<SyncServerOptions>; cluster?: Partial<ClusterOptions> },
): Promise<RunningConcord> {
  // One of several nodes: every line says which.
  const log = config.redisUrl ? withFields(options.log, { node: config.nodeId }) : options.log;
  const cluster = config.redisUrl ? await Cluster.connect(config.redisUrl, config.nodeId, log, options.cluster) : null;
  const store = await openStore(config);
  const tokens = new SyncTokens(config.authSecret);
  const sync = new SyncServer(store, tokens, log, options.sync, cluster);
  const context = { config, store, tokens, sync, log } as Concord;
  context.commands = bindCommands(context);
  provideConcord(context);

  const server = createServer();
  let upgradeNext: ((...args: Parameters<NonNullable<Awaited<ReturnType<typeof prepareNext>>>['upgrade']>) => void) | null = null;
  if (options.withNext !== false) {
    const next = await prepareNext(config);
    server.on('request', (req, res) => void next.handle(req, res));
    upgradeNext = next.upgrade;
  } else {
    server.on('request', (_req, res) => res.writeHead(404).end());
  }
  server.on('upgrade', (req, socket, head) => {
    if (sync.handles(req)) {
      sync.handleUpgrade(req, socket, head).catch((err: unknown) => {
        log.error('sync.upgrade.failed', { error: String(err) });
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
  if (config.port === 0 && config.publicUrl.endsWith(':0')) config.publicUrl = config.publicUrl.replace(/:0$/, `:${port}`);

  let closing: Promise<void> | null = null;
  return {
    context,
    server,
    port,
    close() {
      closing ??= (async () => {
        await sync.close();
        await cluster?.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await store.close();
      })();
      return closing;
    },
  };
}

async function prepareNext(config: Config) {
  const { default: next } = await import('next');
  const app = next({ dev: config.dev, dir: path.resolve(import.meta.dirname, '..'), hostname: 'localhost', port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  return { handle, upgrade };
}
