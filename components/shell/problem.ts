import type { ErrorCode } from '@/lib/errors';
import type { Message, MessageKey } from '@/lib/i18n';
import type { ApiResult } from '../http/api';

/**
 * A failed API call as a message to show: offline, a refusal the caller knows by its error code,
 * or `fallback` carrying the server's own words (`{message}`) for anything unforeseen.
 */
export function problemOf(failure: Extract<ApiResult<unknown>, { ok: false }>, known: Partial<Record<ErrorCode, MessageKey>>, fallback: MessageKey = 'people.failed'): Message {
  if (failure.status === 0) return { key: 'form.networkError' };
  const key = known[failure.code as ErrorCode];
  return key ? { key } : { key: fallback, vars: { message: failure.message } };
}
