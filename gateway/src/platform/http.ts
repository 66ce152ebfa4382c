import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import type { AppEnv } from '../env';
import { ApiError, type ErrorCode, issuePath, problemResponse } from './errors';
import { newId } from './ids';
import { JsonBodyError, readJsonBody } from './json-body';
import { BODY_LIMIT, BODY_METHODS, JSON_BODY, raises } from './problems';
import { SelfAnsweringError } from './self-answering-error';
import { MAX_LOGGED_OPERATION, MAX_LOGGED_PATH } from './usage';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Headers every response carries, whatever the route set. */
const FIXED_HEADERS: readonly (readonly [string, string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'],
  ['Referrer-Policy', 'no-referrer'],
];
/** Headers a response carries unless its route chose its own (cacheable metadata, pages' CSP). */
const DEFAULT_HEADERS: readonly (readonly [string, string])[] = [
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['X-Frame-Options', 'DENY'],
];

function setResponseHeaders(h: Headers, requestId: string): void {
  h.set('Request-Id', requestId);
  for (const [name, value] of FIXED_HEADERS) h.set(name, value);
  for (const [name, value] of DEFAULT_HEADERS) if (!h.has(name)) h.set(name, value);
}

function requestIdOf(c: Context<AppEnv>): string {
  const incoming = c.req.header('X-Request-Id');
  return incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : newId('req');
}

/**
 * Request-Id (a well-formed incoming X-Request-Id is kept for tracing) and the security headers,
 * on every response, in one pass over it after the route: one middleware, its lists built once.
 */
export const responseHeadersMiddleware: MiddlewareHandler<AppEnv> = raises(async (c, next) => {
  const id = requestIdOf(c);
  c.set('requestId', id);
  await next();
  setResponseHeaders(c.res.headers, id);
}, []);

export function bodyLimitMiddleware(maxBytes: number): MiddlewareHandler<AppEnv> {
  const detail = `The request body exceeds ${maxBytes} bytes.`;
  const tooLarge = () => {
    throw new ApiError('payload_too_large', { detail });
  };
  // A chunked body is refused part-way: the rest of it is still on the connection, where it would
  // be read as the client's next request. Closing the connection is the only honest answer.
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', { detail, headers: { Connection: 'close' } });
    },
  });
  // Wrapping the body stream costs a full Request per call on Node (measured: a sixth of a GET's
  // time, 0.4 ms of a POST's). A request without a body has nothing to limit, and one with a
  // Content-Length (and no Transfer-Encoding) cannot carry more than it says: the HTTP parser
  // reads exactly that many bytes. Only a chunked body is counted as it streams.
  // Declared on the methods that carry bodies: a GET with a Content-Length over the limit is
  // refused too, but no client sends one and listing 413 on every read would only be noise.
  return raises<MiddlewareHandler<AppEnv>>((c, next) => {
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      return Number(length) > maxBytes ? tooLarge() : next();
    }
    return BODY_METHODS.has(c.req.method) || hasBody(c) ? limit(c, next) : next();
  }, BODY_LIMIT);
}

function hasBody(c: Context): boolean {
  const length = c.req.header('Content-Length');
  if (length !== undefined) return Number(length) > 0;
  if (c.req.header('Transfer-Encoding') !== undefined) return true;
  // Fetch forbids a GET or HEAD body, and reading `raw` on Node builds the whole undici Request
  // (a tenth of an authenticated GET's time) only to find none.
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return false;
  // A Request built in-process (Workers service bindings, app.fetch) carries no framing headers.
  return c.req.raw.body !== null;
}

/**
 * Whether the request carries body bytes. With framing headers they say; without, a request from
 * the network has none (RFC 9112 §6.3), but Node's server and in-process Requests (app.fetch,
 * service bindings) still expose a stream: an empty one (a DELETE sent by fetch with body '') is
 * no body.
 */
async function carriesBytes(c: Context): Promise<boolean> {
  const length = c.req.header('Content-Length');
  if (length !== undefined) return Number(length) > 0;
  if (c.req.header('Transfer-Encoding') !== undefined) return true;
  if (c.req.raw.body === null) return false;
  return (await c.req.arrayBuffer()).byteLength > 0;
}

/**
 * The JSON API (/v1) accepts only JSON bodies. Parsing here, once, turns a malformed, mis-encoded
 * or over-deep body into a clear 400 before any validator runs; Hono caches the checked text for
 * the route's validator.
 */
export const jsonBodyMiddleware: MiddlewareHandler<AppEnv> = raises(async (c, next) => {
  if (BODY_METHODS.has(c.req.method) && (await carriesBytes(c))) {
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
      throw new ApiError('unsupported_media_type', {
        detail: `Content-Type ${type || '(none)'} is not accepted here; send application/json.`,
      });
    }
    try {
      await readJsonBody(c);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      const detail = err instanceof JsonBodyError ? err.message : undefined;
      throw new ApiError('malformed_json', { detail });
    }
  }
  await next();
}, JSON_BODY);

/** zod failures, in any part of the request, become 400 invalid_request with errors[]. */
export function validationHook(result: { success: boolean; error?: ZodError; target?: string }): void {
  if (result.success || !result.error) return;
  throw new ApiError('invalid_request', {
    errors: result.error.issues.map((i) => ({
      path: issuePath(i.path) || (result.target === 'json' ? '(body)' : String(result.target ?? '')),
      message: i.message,
    })),
  });
}

/** Every router of the gateway is made here, so all share the validation hook. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'route_not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return new ApiError('malformed_json');
    const code = STATUS_CODES[err.status];
    return code ? new ApiError(code) : null;
  }
  return null;
}

/** One error handler: everything becomes problem+json; unexpected errors are logged, not echoed. */
export function errorHandler(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId') ?? newId('req');
  const services = c.get('services');
  const docsUrl = services?.config.DOCS_URL ?? 'http://127.0.0.1:3000';
  if (err instanceof SelfAnsweringError) {
    const { message, fields } = err.logged();
    services?.logger.info(message, { request_id: requestId, path: c.req.path, ...fields });
    return err.answer(requestId);
  }
  const known = toApiError(err);
  if (known) return problemResponse(known, docsUrl, requestId);
  services?.logger.error('unhandled error', {
    request_id: requestId,
    method: c.req.method,
    path: c.req.path,
    error: err?.name,
    message: err?.message,
    cause: err?.cause instanceof Error ? err.cause.message : undefined,
    stack: err?.stack,
  });
  return problemResponse(new ApiError('internal_error'), docsUrl, requestId);
}

/** Meters every request an app makes (after authentication set `app`), without a write per request. */
export const usageMiddleware: MiddlewareHandler<AppEnv> = raises(async (c, next) => {
  const started = performance.now();
  await next();
  const usage = c.get('services').usage;
  const app = c.get('app');
  if (!usage || !app) return;
  const route = c.req.matchedRoutes.filter((r) => r.method !== 'ALL').at(-1)?.path ?? c.req.path;
  usage.record({
    requestId: c.get('requestId'),
    appId: app.id,
    method: c.req.method,
    path: c.req.path.slice(0, MAX_LOGGED_PATH),
    operation: (c.get('operation') ?? `${c.req.method} ${route}`).slice(0, MAX_LOGGED_OPERATION),
    status: c.res.status,
    latencyMs: performance.now() - started,
    at: c.get('services').clock.now(),
  });
}, []);
