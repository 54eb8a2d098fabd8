/** Error codes the HTTP API returns in `{ error: { code, message } }`, with their HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  /** A state-changing request with cookies from another site (W1); answered before any route. */
  cross_site: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_attempts: 429,
  internal: 500,
} as const;
/** One API error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The JSON body every failure of the API answers with: `{ error: { code, message, details? } }`. */
export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** An expected failure with a code the API reports as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * True for an AppError from any copy of this module: Next bundles route handlers apart from the
 * server, so `instanceof` cannot see across that boundary.
 */
export function isAppError(err: unknown): err is AppError {
  return err instanceof Error && err.name === 'AppError' && typeof (err as AppError).code === 'string' && (err as AppError).code in ERROR_STATUS;
}
