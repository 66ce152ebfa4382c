import type { ErrorCode } from './errors';

/** What decides which problems a middleware can raise on one operation. */
export interface OperationShape {
  /** Upper case: GET, POST, … */
  method: string;
  /** OpenAPI form, /v1/payments/{id}. */
  path: string;
  /** The operation declares a request body. */
  hasBody: boolean;
}

/** The problem codes a middleware can raise, fixed or depending on the operation it guards. */
export type ProblemSpec = readonly ErrorCode[] | ((op: OperationShape) => readonly ErrorCode[]);

const SPECS = new WeakMap<object, ProblemSpec>();

/**
 * Declares, on the middleware itself, the problems it can raise. The route helper
 * (`withProblems` in openapi.ts) reads them to build the operation's responses, and the coverage
 * test reads them off the app's real middleware chain: a middleware cannot be used without its
 * codes reaching the document.
 */
export function raises<M extends object>(middleware: M, spec: ProblemSpec): M {
  SPECS.set(middleware, spec);
  return middleware;
}

/** The declared spec of a middleware; undefined when it declares none (a mistake for the tests). */
export function problemSpecOf(middleware: unknown): ProblemSpec | undefined {
  return typeof middleware === 'function' ? SPECS.get(middleware) : undefined;
}

export function codesOf(spec: ProblemSpec, op: OperationShape): readonly ErrorCode[] {
  return typeof spec === 'function' ? spec(op) : spec;
}

/** Methods whose requests may carry a body: the body limit and the JSON check act on these. */
export const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Raised by the body limit on anything that may carry a body. */
export const BODY_LIMIT: ProblemSpec = (op) => (BODY_METHODS.has(op.method) ? ['payload_too_large'] : []);

/** Raised by the JSON check (/v1) on anything that may carry a body. */
export const JSON_BODY: ProblemSpec = (op) =>
  BODY_METHODS.has(op.method) ? ['malformed_json', 'unsupported_media_type'] : [];

/** Raised by runIdempotent on an operation that takes an Idempotency-Key. */
export const IDEMPOTENT: readonly ErrorCode[] = [
  'idempotency_key_missing',
  'idempotency_key_invalid',
  'idempotency_key_in_use',
  'idempotency_key_reused',
];

/** Raised by the zod validators of an operation that declares any request part. */
export const VALIDATED: readonly ErrorCode[] = ['invalid_request'];

/** Raised by the rate limiter (429 with Retry-After). */
export const RATE_LIMITED: readonly ErrorCode[] = ['rate_limited'];
