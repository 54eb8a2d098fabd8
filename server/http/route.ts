import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { AppError, ERROR_STATUS, errorBody, isAppError, type ErrorCode } from '../../lib/errors';
import { LIMITS } from '../../lib/limits';
import { hashAccessToken } from '../auth/tokens';
import { concord, type Concord } from '../context';
import type { User } from '../store/types';
import { sessionUser } from './auth';

/** What a handler receives: the process context, the caller, the parsed body and the path parameters. */
export interface RouteContext<Body, Params> {
  ctx: Concord;
  commands: Concord['commands'];
  req: NextRequest;
  user: User;
  body: Body;
  params: Params;
}

/** A response with a status other than 200. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** `201 Created` with a body. */
export const created = (body: unknown) => new Reply(201, body);
/** `204 No Content`. */
export const noContent = () => new Reply(204, null);

/** The JSON error body every failure of the API uses. */
export function errorResponse(code: ErrorCode, message: string, details?: unknown): Response {
  const response = Response.json(errorBody(code, message, details), { status: ERROR_STATUS[code] });
  const retry = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retry === 'number') response.headers.set('Retry-After', String(retry));
  return response;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** An HTTP method a route file may serve. */
export type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a route file does not serve: the JSON error shape with 405 and `Allow`
 * (Next alone answers an empty 405). Each route file exports them beside its own handlers:
 * `export const { PUT, PATCH, DELETE } = otherMethods('GET', 'POST');`.
 */
export function otherMethods(...allowed: Method[]): Record<Method, () => Response> {
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const refuse = () => {
    const res = errorResponse('method_not_allowed', `this route answers ${allow}`);
    res.headers.set('Allow', allow);
    return res;
  };
  return Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, () => Response>;
}

/**
 * Wraps a route handler: finds the caller (Bearer personal access token or session cookie),
 * parses the JSON body with `schema`, runs the handler and turns every failure into
 * `{ error: { code, message } }` with the right status. The only try/catch of the API.
 */
export function route<Schema extends z.ZodType | null, Params extends Record<string, string | string[]> = Record<string, never>>(
  options: { body: Schema; public?: boolean },
  handler: (r: RouteContext<Schema extends z.ZodType ? z.output<Schema> : undefined, Params>) => Promise<unknown>,
) {
  return async (req: NextRequest, segment: { params: Promise<Params> }): Promise<Response> => {
    try {
      const ctx = concord();
      const user = await authenticate(req, ctx);
      if (!user && !options.public) throw new AppError('unauthenticated', 'sign in, or send Authorization: Bearer <personal access token>');
      // Cookie requests must say they are JSON: a form or text/plain body could come from another site (W1).
      const body = options.body ? options.body.parse(await readJson(req, !req.headers.get('authorization'))) : undefined;
      const result = await handler({ ctx, commands: ctx.commands, req, user: user!, body: body as never, params: await segment.params });
      if (result instanceof Response) return result;
      if (result instanceof Reply) return result.status === 204 ? new Response(null, { status: 204 }) : Response.json(result.body, { status: result.status });
      return Response.json(result);
    } catch (err) {
      if (isAppError(err)) return errorResponse(err.code, err.message, err.details);
      if (err instanceof z.ZodError) {
        const problems = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return errorResponse('invalid_request', problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '), problems);
      }
      concord().log.error('http.failed', { requestId: req.headers.get('x-request-id'), method: req.method, path: req.nextUrl.pathname, error: err instanceof Error ? err.stack : String(err) });
      return errorResponse('internal', 'something went wrong; it has been logged');
    }
  };
}

async function authenticate(req: NextRequest, ctx: Concord): Promise<User | null> {
  const header = req.headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? await ctx.store.people.findUserByAccessToken(hashAccessToken(match[1])) : null;
    if (!user) throw new AppError('unauthenticated', 'invalid personal access token');
    return user;
  }
  return sessionUser();
}

async function readJson(req: NextRequest, requireJsonType: boolean): Promise<unknown> {
  const limit = LIMITS.maxBodyBytes;
  let tooLarge = Number(req.headers.get('content-length') ?? 0) > limit;
  const chunks: Uint8Array[] = [];
  let size = 0;
  // The body is read (and an oversized one drained, up to a bound) before answering: a client
  // still sending when the answer comes would otherwise see a reset connection instead of 413.
  if (req.body) {
    const reader = req.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.byteLength;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(next.value);
      else if (size > limit * 8) {
        await reader.cancel();
        break;
      }
    }
  }
  if (tooLarge) throw new AppError('payload_too_large', `bodies are limited to ${limit} bytes`);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if (requireJsonType && !/^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(req.headers.get('content-type') ?? '')) {
    throw new AppError('unsupported_media_type', 'send the body as JSON, with Content-Type: application/json');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_request', 'the body is not valid JSON');
  }
}
