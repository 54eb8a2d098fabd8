/** Child process: the reference y-websocket server (@y/websocket-server 0.1.1), as its bin starts it, without persistence. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { provisionFromEnv, serveDriver } from './ipc';
import { Probe } from '../probe';

// Persistence is switched on by YPERSISTENCE at import; the driver unsets it, and this makes sure.
setPersistence(null);
const { editors, observers, sheets = 0, perSheet = 0 } = provisionFromEnv();
// Same options as its bin/server.js: noServer, default (no) compression.
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('okay'));
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

// Its write path is private to its module; only GC and event-loop lag are observed.
const probe = new Probe();

serveDriver(
  {
    name: 'reference',
    providerUrl: `ws://127.0.0.1:${port}`,
    room: 'bench-sheet',
    setupParams: {},
    observerParams: Array.from({ length: observers }, () => ({})),
    editorParams: Array.from({ length: editors }, () => ({})),
    sockets: Array.from({ length: sheets * perSheet }, (_, i) => ({ room: `sheet-${Math.floor(i / perSheet)}`, params: {} })),
  },
  probe,
  async () => {
    for (const ws of wss.clients) ws.terminate();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
);
