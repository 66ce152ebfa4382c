import {
  ConnectionError,
  errorFromResponse,
  RateLimitError,
  retryAfterSeconds,
  type TesseraError,
} from './errors.js';

/** What every call may override. */
export interface CallOptions {
  /** Per-attempt timeout in milliseconds (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Retries after the first attempt (default: the client's `maxRetries`). */
  maxRetries?: number;
  /** Abort the call (all its attempts). */
  signal?: AbortSignal;
}

/** The one attempt's headers and body: built again for every attempt (fresh DPoP proof, fresh assertion). */
export interface PreparedAttempt {
  headers: Headers;
  body?: string | undefined;
}

export interface AttemptContext {
  /** 0 for the first attempt. */
  attempt: number;
  /** The DPoP nonce this server last gave us, if any. */
  nonce: string | undefined;
}

/** Which server a request goes to, for its DPoP nonce (RFC 9449 §8–9: independent per server). */
export type NonceServer = 'authorization' | 'resource';

export interface SendSpec extends CallOptions {
  method: string;
  url: string;
  prepare(context: AttemptContext): Promise<PreparedAttempt>;
  /**
   * True when repeating the request cannot repeat its effect: safe methods, and writes sent with an
   * Idempotency-Key. Only these are retried after a network error or a 5xx that may have run.
   */
  idempotent: boolean;
  /** Set when the request carries a DPoP proof. */
  nonceServer?: NonceServer;
}

export interface TransportConfig {
  /** Called as `fetch(url, init)`: `init.signal` is held by the transport for the whole attempt. */
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
  /** First backoff step; doubled per retry, jittered, capped by maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A longer Retry-After than this is not waited for: the error is thrown with `retryAfter`. */
  maxRetryAfterSeconds?: number;
}

/** The global `fetch`, or anything called the same way. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Statuses whose Response must have a null body. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

const DEFAULT_INITIAL_DELAY_MS = 250;
const DEFAULT_MAX_DELAY_MS = 8_000;
const DEFAULT_MAX_RETRY_AFTER_S = 60;

/**
 * The hand-written HTTP layer under every call: timeouts per attempt, retries with jittered
 * exponential backoff (network errors, 409 `idempotency_key_in_use`, 429 honouring Retry-After,
 * 5xx), one retry with a fresh proof on `use_dpop_nonce`, nonces remembered per origin and server,
 * and every non-2xx turned into a typed {@link TesseraError}.
 */
export class Transport {
  readonly #config: Required<TransportConfig>;
  readonly #nonces = new Map<string, string>();

  constructor(config: TransportConfig) {
    this.#config = {
      initialDelayMs: DEFAULT_INITIAL_DELAY_MS,
      maxDelayMs: DEFAULT_MAX_DELAY_MS,
      maxRetryAfterSeconds: DEFAULT_MAX_RETRY_AFTER_S,
      ...config,
    };
  }

  /** Sends until a 2xx (returned, body unread) or a final error (thrown). */
  async send(spec: SendSpec): Promise<Response> {
    const maxRetries = spec.maxRetries ?? this.#config.maxRetries;
    const timeoutMs = spec.timeoutMs ?? this.#config.timeoutMs;
    const nonceKey = spec.nonceServer ? `${spec.nonceServer} ${new URL(spec.url).origin}` : undefined;
    let retries = 0;
    let nonceRetried = false;
    for (let attempt = 0; ; attempt++) {
      spec.signal?.throwIfAborted();
      const { headers, body } = await spec.prepare({
        attempt,
        nonce: nonceKey ? this.#nonces.get(nonceKey) : undefined,
      });
      let response: Response;
      try {
        response = await this.#attempt(spec, { headers, body: body ?? null }, timeoutMs);
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error;
        if (spec.idempotent && retries < maxRetries) {
          await sleep(this.#backoff(++retries), spec.signal);
          continue;
        }
        throw error;
      }

      const nonce = response.headers.get('DPoP-Nonce');
      if (nonceKey && nonce) this.#nonces.set(nonceKey, nonce);
      if (response.ok) return response;

      const error = await errorFromResponse(response);
      if (error.code === 'use_dpop_nonce' && nonce && !nonceRetried) {
        nonceRetried = true;
        continue;
      }
      const delay = this.#retryDelay(error, spec.idempotent, retries + 1);
      if (delay !== null && retries < maxRetries) {
        retries++;
        await sleep(delay, spec.signal);
        continue;
      }
      throw error;
    }
  }

  /**
   * One request with its response body read, under one deadline. The SDK holds the controller and
   * its timer, and races the fetch against them: a signal handed to `new Request()` and dropped
   * can be detached by a garbage collection (Node 20's undici), and the timeout then never fires.
   * Reading the body here puts a server that stalls mid-body under the same deadline.
   */
  async #attempt(
    spec: SendSpec,
    init: { headers: Headers; body: string | null },
    timeoutMs: number,
  ): Promise<Response> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`No response within ${timeoutMs} ms.`, 'TimeoutError'));
    }, timeoutMs);
    const onAbort = () => controller.abort(spec.signal?.reason);
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    try {
      const response = await Promise.race([
        this.#config.fetch(spec.url, {
          method: spec.method,
          headers: init.headers,
          body: init.body,
          signal: controller.signal,
          redirect: 'manual',
        }),
        aborted,
      ]);
      const text = await Promise.race([response.text(), aborted]);
      return new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (cause) {
      if (spec.signal?.aborted) throw spec.signal.reason ?? cause;
      throw new ConnectionError({
        code: timedOut ? 'timeout' : 'connection_error',
        detail: timedOut
          ? `No response from ${spec.method} ${spec.url} within ${timeoutMs} ms.`
          : `Could not reach ${spec.method} ${spec.url}: ${describe(cause)}.`,
        cause,
      });
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      // The losing side of a race must not surface as an unhandled rejection.
      aborted.catch(() => {});
      if (!controller.signal.aborted) controller.abort();
    }
  }

  /** Milliseconds to wait before retrying after `error`, or null when it must not be retried. */
  #retryDelay(error: TesseraError, idempotent: boolean, retry: number): number | null {
    const status = error.status ?? 0;
    const hinted = error.headers ? retryAfterSeconds(error.headers) : undefined;
    if (hinted !== undefined && hinted > this.#config.maxRetryAfterSeconds) return null;
    const wait = (fallback: number) => (hinted !== undefined ? hinted * 1000 : fallback);
    // Neither was processed: the rate limiter and a busy idempotency key refuse before any effect.
    if (error instanceof RateLimitError || status === 429) return wait(this.#backoff(retry));
    if (error.code === 'idempotency_key_in_use') return wait(this.#backoff(retry));
    // 503 means "not now"; any other 5xx may have had an effect, so only safe requests repeat.
    if (status === 503) return wait(this.#backoff(retry));
    if (status >= 500 && idempotent) return wait(this.#backoff(retry));
    return null;
  }

  /** Exponential with "equal jitter": between half and all of the step, so retries spread out. */
  #backoff(retry: number): number {
    const step = Math.min(this.#config.maxDelayMs, this.#config.initialDelayMs * 2 ** (retry - 1));
    return step / 2 + Math.random() * (step / 2);
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
    return `${cause.message}${inner}`;
  }
  return String(cause);
}

/** A call's options for a request other calls may share: its timeout and retries, not its signal. */
export function shared({ signal: _signal, ...options }: CallOptions = {}): CallOptions {
  return options;
}

/**
 * Waits for a promise that other calls may share (a token fetch, the server metadata) until this
 * call's signal aborts: the aborted caller stops waiting at once, the others keep their result.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
