import WebSocket from 'ws';
import { EMPTY_STEP1, EMPTY_STEP2, frameKind, type TextAppender } from './wire';

/**
 * A simulated editor on a raw socket: does the sync handshake, then sends pre-encoded edits and
 * never decodes what it receives (it only counts frames), so the load generator stays cheap.
 */
export class RawEditor {
  /** Frames and bytes received after the handshake: the server's fan-out to this peer. */
  framesIn = 0;
  bytesIn = 0;
  /** Send time (performance.now()) of each edit, by sequence number. */
  readonly sentAt: number[] = [];
  private ws: WebSocket | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly index: number,
    private readonly url: string,
    private readonly appender: TextAppender,
  ) {}

  /** Opens the socket and resolves once the server's state has been received (sync step 2). */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false });
      this.ws = ws;
      let synced = false;
      ws.binaryType = 'nodebuffer';
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`editor ${this.index}: HTTP ${res.statusCode}`)));
      ws.on('open', () => ws.send(EMPTY_STEP1));
      ws.on('message', (data: Buffer) => {
        if (synced) {
          this.framesIn++;
          this.bytesIn += data.length;
          return;
        }
        const kind = frameKind(data);
        if (kind === 'step1') ws.send(EMPTY_STEP2);
        else if (kind === 'step2') {
          synced = true;
          resolve();
        }
      });
    });
  }

  /**
   * Sends one edit every `intervalMs`, the first after `phaseMs`, until `until` (performance.now()).
   * Times are absolute so a late tick does not push every later edit back.
   */
  start(intervalMs: number, phaseMs: number, until: number): void {
    const origin = performance.now() + phaseMs;
    const tick = () => {
      const seq = this.sentAt.length;
      const frame = this.appender.frame(`#${this.index}.${seq}#`);
      this.sentAt.push(performance.now());
      this.ws!.send(frame);
      const next = origin + (seq + 1) * intervalMs;
      if (next >= until) return;
      this.timer = setTimeout(tick, Math.max(0, next - performance.now()));
    };
    this.timer = setTimeout(tick, phaseMs);
  }

  /** Number of edits sent. */
  get sent(): number {
    return this.sentAt.length;
  }

  /** Stops sending and closes the socket. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.ws?.terminate();
  }
}
