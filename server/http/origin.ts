import type { IncomingMessage } from 'node:http';

/** Methods that change nothing: never refused for their origin. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a state-changing request that carries cookies is refused as coming from another site (W1),
 * or null. A browser sends `Sec-Fetch-Site` and `Origin` with such requests and a page cannot
 * forge either: only Concord's own pages (`same-origin`, or Concord's origin) may use the
 * cookies. Requests with `Authorization` (personal access tokens, which browsers never add on
 * their own) and requests without cookies have nothing of anyone's to abuse.
 */
export function crossSiteRefusal(req: IncomingMessage, publicUrl: string): string | null {
  if (SAFE_METHODS.has(req.method ?? 'GET') || req.headers.authorization || !req.headers.cookie) return null;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`;
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(req, publicUrl).includes(origin)) return `Origin: ${origin}`;
  return null;
}

/** Concord's origin (PUBLIC_URL), and the origin the request itself names in `Host` (a page served under another name). */
function ownOrigins(req: IncomingMessage, publicUrl: string): string[] {
  const host = req.headers.host;
  return [new URL(publicUrl).origin, ...(host ? [`http://${host}`, `https://${host}`] : [])];
}

/** The client's address for per-address limits: the socket's peer, or the entry `trustProxy` from the end of `X-Forwarded-For`. */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const forwarded = req.headers['x-forwarded-for'];
  const hops = typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()).filter(Boolean) : [];
  return (trustProxy > 0 ? hops[hops.length - trustProxy] : undefined) ?? req.socket.remoteAddress ?? 'unknown';
}

/** The header the server sets (over anything the client sent) for route handlers to read the client's address. */
export const CLIENT_ADDRESS_HEADER = 'x-concord-client-address';
