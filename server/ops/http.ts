import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../env';
import type { Metrics } from './metrics';

/** A dependency the node needs to serve: ready only when every check passes. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answered a real request; rejects (or is too slow) otherwise. */
  check(): Promise<void>;
}

/** A check slower than this counts as down: a load balancer's probe should not hang on it. */
const CHECK_TIMEOUT_MS = 2000;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `/healthz`, `/readyz` and `/metrics`, answered by the custom server before Next: no session,
 * no page rendering, so a probe costs next to nothing and works while Next is busy or broken.
 */
export class OperationsEndpoints {
  /** Set once shutdown begins: `/readyz` answers 503 from then on. */
  shuttingDown = false;
  private readonly started = Date.now();

  constructor(
    private readonly config: Config,
    private readonly metrics: Metrics,
    private readonly checks: ReadinessCheck[],
  ) {}

  /** Answers the request if it is one of ours and returns true; false leaves it to the app. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/healthz' && path !== '/readyz' && path !== '/metrics') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(res, 405, { error: { code: 'method_not_allowed', message: 'GET only' } }, { Allow: 'GET, HEAD' });
      return true;
    }
    if (path === '/healthz') json(res, 200, { status: 'ok', node: this.config.nodeId, uptimeSeconds: Math.round((Date.now() - this.started) / 1000) });
    else if (path === '/readyz') void this.ready(res);
    else void this.serveMetrics(req, res);
    return true;
  }

  private async ready(res: ServerResponse): Promise<void> {
    const node = this.config.nodeId;
    if (this.shuttingDown) return json(res, 503, { status: 'shutting-down', node, checks: {} });
    const results = await Promise.all(this.checks.map((c) => probe(c)));
    const checks = Object.fromEntries(results.map((r) => [r.name, { status: r.status, latencyMs: r.latencyMs, ...(r.error ? { error: r.error } : {}) }]));
    const ok = results.every((r) => r.status === 'up') && !this.shuttingDown;
    json(res, ok ? 200 : 503, { status: ok ? 'ready' : this.shuttingDown ? 'shutting-down' : 'not-ready', node, checks });
  }

  private async serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = this.metricsRefusal(req);
    if (refusal) return json(res, refusal.status, { error: { code: refusal.code, message: refusal.message } }, refusal.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
    const { contentType, body } = await this.metrics.text();
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
  }

  /** With METRICS_TOKEN, a matching bearer token; without, a direct (not proxied) request from this machine. */
  private metricsRefusal(req: IncomingMessage): { status: number; code: string; message: string } | null {
    const token = this.config.ops.metricsToken;
    if (token) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (given && safeEqual(given, token)) return null;
      return { status: 401, code: 'unauthenticated', message: 'metrics need Authorization: Bearer <METRICS_TOKEN>' };
    }
    // A proxy on this machine forwards outside requests from loopback; those carry X-Forwarded-For.
    const direct = LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
    return direct ? null : { status: 403, code: 'forbidden', message: 'metrics answer loopback only; set METRICS_TOKEN to scrape from elsewhere' };
  }
}

async function probe(c: ReadinessCheck): Promise<{ name: string; status: 'up' | 'down'; latencyMs: number; error?: string }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([c.check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)))]);
    return { name: c.name, status: 'up', latencyMs: round(performance.now() - t0) };
  } catch (err) {
    return { name: c.name, status: 'down', latencyMs: round(performance.now() - t0), error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(JSON.stringify(body));
}
