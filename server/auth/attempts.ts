import { AppError } from '../../lib/errors';
import { LIMITS } from '../../lib/limits';
import type { AttemptStore } from '../store/types';

/** One counter an attempt is counted under, its limit, and what a success does to it. */
export interface AttemptKey {
  key: string;
  max: number;
  /** `clear`: a success forgets the failures before it; `forgive`: it only takes its own attempt back. */
  onSuccess: 'clear' | 'forgive';
}

/** An account's password, wherever it is typed (sign-in, password change). */
export function accountKey(email: string): AttemptKey {
  return { key: `signin:account:${email.trim().toLowerCase()}`, max: LIMITS.signInFailuresPerAccount, onSuccess: 'clear' };
}

/** A sign-in with a password: counted per account and per client address (W3). */
export function signInKeys(email: string, address: string): AttemptKey[] {
  // Others in the office share the address: a success takes back only its own attempt.
  return [accountKey(email), { key: `signin:address:${address}`, max: LIMITS.signInFailuresPerAddress, onSuccess: 'forgive' }];
}

/** A share link's password: counted per link, whoever types it (W3). */
export function shareLinkKeys(linkId: string): AttemptKey[] {
  return [{ key: `share:${linkId}`, max: LIMITS.sharePasswordFailures, onSuccess: 'forgive' }];
}

/**
 * Counts an attempt under every key before the password is checked, so concurrent guesses cannot
 * slip past the limit, and refuses it (`too_many_attempts`, 429 with `Retry-After`) when any key
 * is past its limit in the current window. The refused attempt is never checked.
 */
export async function takeAttempt(store: AttemptStore, keys: AttemptKey[]): Promise<void> {
  const counts = await Promise.all(keys.map((k) => store.hit(k.key, LIMITS.attemptWindowMs)));
  const over = counts.filter((c, i) => c.count > keys[i].max);
  if (!over.length) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...over.map((c) => c.retryAfterMs)) / 1000));
  throw new AppError('too_many_attempts', `too many wrong passwords; try again in ${Math.ceil(retryAfterSeconds / 60)} min`, { retryAfterSeconds });
}

/** The attempt succeeded: each key is cleared or forgiven, as it says. */
export async function attemptSucceeded(store: AttemptStore, keys: AttemptKey[]): Promise<void> {
  await Promise.all(keys.map((k) => (k.onSuccess === 'clear' ? store.clear(k.key) : store.forgive(k.key))));
}
