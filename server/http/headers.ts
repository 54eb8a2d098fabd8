import type { Config } from '../env';

/**
 * Headers on every page and API answer. Scripts need 'unsafe-inline': the App Router inlines its
 * flight data as scripts, and Concord renders no nonces; what the policy stops is scripts from
 * elsewhere, being framed (clickjacking), MIME sniffing and share-link tokens leaking in `Referer`.
 * `form-action` is left open: single sign-on posts on to the identity provider.
 */
export function securityHeaders(config: Pick<Config, 'publicUrl' | 'dev'>): Array<[string, string]> {
  const sync = new URL(config.publicUrl);
  sync.protocol = sync.protocol === 'https:' ? 'wss:' : 'ws:';
  const policy = [
    "default-src 'self'",
    // The dev server's hot reload evaluates code; the production build does not.
    `script-src 'self' 'unsafe-inline'${config.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // The sync socket, at PUBLIC_URL (which may name the host differently from the page).
    `connect-src 'self' ${sync.origin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return [
    ['Content-Security-Policy', policy],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    // Same-origin requests keep their `Referer` and `Origin` (checked on state-changing requests); other sites get neither.
    ['Referrer-Policy', 'same-origin'],
  ];
}
