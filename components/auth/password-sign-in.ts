import { getCsrfToken } from 'next-auth/react';

/** How a password sign-in went: signed in, or why not (too many failures: when to try again). */
export type SignInOutcome = { ok: true } | { ok: false; reason: 'credentials' | 'network' | 'other' } | { ok: false; reason: 'tooMany'; retryAfterSeconds: number };

/**
 * Signs in with email and password through next-auth's credentials callback, as its own client
 * does, but reads the answer itself: a sign-in refused for too many failures (429) says when to
 * try again (`Retry-After`), which next-auth's client would drop.
 */
export async function signInWithPassword(email: string, password: string): Promise<SignInOutcome> {
  try {
    const csrfToken = (await getCsrfToken()) ?? '';
    const res = await fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-auth-return-redirect': '1' },
      body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
    });
    if (res.status === 429) return { ok: false, reason: 'tooMany', retryAfterSeconds: Number(res.headers.get('retry-after')) || 60 };
    const data = (await res.json().catch(() => null)) as { url?: string } | null;
    const error = data?.url ? new URL(data.url, window.location.origin).searchParams.get('error') : 'unknown';
    if (res.ok && !error) return { ok: true };
    return { ok: false, reason: error === 'CredentialsSignin' ? 'credentials' : 'other' };
  } catch {
    return { ok: false, reason: 'network' };
  }
}

/** Whole minutes to wait, at least one. */
export const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** The minutes to wait when an API call was refused for too many wrong passwords (`too_many_attempts`), else null. */
export function minutesToWait(failure: { code: string; details?: unknown }): number | null {
  const retry = (failure.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  return failure.code === 'too_many_attempts' && retry ? minutesOf(retry) : null;
}
