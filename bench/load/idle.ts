import WebSocket from 'ws';
import { EMPTY_STEP1, EMPTY_STEP2, frameKind, syncUpdateFrame } from './wire';

/**
 * Opens a socket that does the sync handshake and then stays idle (the `ws` client answers the
 * server's pings). With `content`, it first writes that update, then asks for the server's state
 * again: the answer comes once the server has taken the content in (ours: stored).
 */
export function openIdle(url: string, content?: Uint8Array): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let steps2 = 0;
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode} ${res.headers['x-concord-refusal'] ?? ''}`)));
    ws.on('open', () => ws.send(EMPTY_STEP1));
    ws.on('message', (data: Buffer) => {
      const kind = frameKind(data);
      if (kind === 'step1') ws.send(EMPTY_STEP2);
      if (kind !== 'step2') return;
      steps2++;
      if (content && steps2 === 1) {
        ws.send(syncUpdateFrame(content));
        ws.send(EMPTY_STEP1);
      } else if (!content || steps2 === 2) {
        ws.removeAllListeners('message');
        ws.on('error', () => undefined);
        resolve(ws);
      }
    });
  });
}

/** Opens `urls.length` idle sockets, `concurrency` handshakes at a time. */
export async function openMany(urls: string[], options: { concurrency?: number; content?: Uint8Array } = {}): Promise<WebSocket[]> {
  const sockets: WebSocket[] = new Array(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      sockets[i] = await openIdle(urls[i], options.content);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 100 }, worker));
  return sockets;
}
