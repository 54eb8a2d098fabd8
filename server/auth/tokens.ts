import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES } from '../../lib/policies/roles';

/** What a sync token grants: one person, one sheet, one role, until it expires. */
export const syncClaims = z.object({
  sub: z.string(),
  sheet: z.string(),
  role: z.enum(ROLES),
  exp: z.number(),
});
/** Claims of a sync token. */
export type SyncClaims = z.infer<typeof syncClaims>;

/** Signs and checks short-lived sync tokens (`payload.signature`, HMAC-SHA256). */
export class SyncTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, so a sync token can never pass for a session cookie or the reverse.
    this.key = createHmac('sha256', secret).update('concord sync token').digest();
  }

  sign(claims: SyncClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a valid token for `sheetId`, or the reason it is not valid. */
  verify(token: string | null | undefined, sheetId: string, nowSeconds = Date.now() / 1000): SyncClaims | 'missing' | 'forged' | 'expired' | 'wrong-sheet' {
    if (!token) return 'missing';
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return 'forged';
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged';
    let parsed;
    try {
      parsed = syncClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return 'forged';
    }
    if (!parsed.success) return 'forged';
    if (parsed.data.exp <= nowSeconds) return 'expired';
    if (parsed.data.sheet !== sheetId) return 'wrong-sheet';
    return parsed.data;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

const ACCESS_TOKEN_PREFIX = 'cct_';

/** A new personal access token: shown once to its owner; only its hash is stored. */
export function newAccessToken(): { token: string; hash: string } {
  const token = ACCESS_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashAccessToken(token) };
}

/** The stored form of a personal access token. Tokens are random and long, so a plain SHA-256 suffices. */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
