import type { EgressFetchLike, Mode } from '../../../../platform/context';
import { checkDestinationUrl, EGRESS_REFUSED, egressPolicy } from '../../../../platform/egress/destination';
import { timeoutSignal } from '../../../../platform/egress/timeout';
import { ApiError } from '../../../../platform/errors';
import { IDENTITY_HEADER } from './identity';

/** Response headers the upstream may set on the partner's answer; everything else stays inside. */
const PASSED_RESPONSE_HEADERS = ['content-type', 'etag', 'last-modified', 'location', 'content-language'];

export interface UpstreamRequest {
  mode: Mode;
  allowLoopback: boolean;
  upstreamUrl: string;
  path: string;
  search: string;
  method: string;
  /** Declared header parameters only: never Authorization, DPoP, cookies or hop-by-hop headers. */
  headers: [string, string][];
  identity: string;
  requestId: string;
  idempotencyKey: string | undefined;
  body: unknown;
  timeoutMs: number;
}

export interface UpstreamAnswer {
  response: Response;
  /** What the version's metrics count: the upstream's status, or 502/504 when it gave none. */
  status: number;
}

/**
 * One call to a product's upstream, through the egress vetting webhooks use. The request is built
 * from an allow-list (what the document declared, the identity assertion, the request id), so
 * nothing of the partner's credentials can leak. Upstream failures become problem+json: 5xx,
 * unreachable or a 4xx that is not problem+json → 502 upstream_error; no answer in time → 504
 * upstream_timeout. A 4xx problem+json is the product's own answer and passes unchanged.
 */
export async function callUpstream(fetch: EgressFetchLike, req: UpstreamRequest): Promise<UpstreamAnswer> {
  const policy = egressPolicy(req.mode, req.allowLoopback);
  const target = checkDestinationUrl(
    `${req.upstreamUrl.replace(/\/$/, '')}${req.path}${req.search}`,
    req.mode,
    policy,
  );
  if (!target.ok)
    throw upstreamError(`The product's upstream is not a permitted destination in ${req.mode} mode.`);
  const headers = new Headers(req.headers);
  headers.set(IDENTITY_HEADER, req.identity);
  headers.set('Request-Id', req.requestId);
  headers.set('Accept', 'application/json');
  if (req.idempotencyKey) headers.set('Idempotency-Key', req.idempotencyKey);
  const hasBody = req.body !== undefined;
  if (hasBody) headers.set('Content-Type', 'application/json');
  const timeout = timeoutSignal(req.timeoutMs);
  try {
    return await exchange(fetch, target.url, policy, req, headers, hasBody, timeout.signal);
  } finally {
    timeout.clear();
  }
}

/** The request and the reading of its whole answer, under the one timeout signal. */
async function exchange(
  fetch: EgressFetchLike,
  url: string,
  policy: ReturnType<typeof egressPolicy>,
  req: UpstreamRequest,
  headers: Headers,
  hasBody: boolean,
  signal: AbortSignal,
): Promise<UpstreamAnswer> {
  let upstream: Response;
  try {
    upstream = await fetch(
      url,
      {
        method: req.method,
        headers,
        ...(hasBody ? { body: JSON.stringify(req.body) } : {}),
        redirect: 'manual',
        signal,
      },
      policy,
    );
  } catch (err) {
    if (isTimeout(err))
      throw new ApiError('upstream_timeout', {
        detail: `The product's service did not answer within ${req.timeoutMs} ms. Retry with exponential backoff.`,
      });
    if (isRefusal(err))
      throw upstreamError("The product's upstream resolved to an address the gateway may not call.");
    throw upstreamError("The product's service could not be reached. Retry with exponential backoff.");
  }
  let body: ArrayBuffer;
  try {
    body = await upstream.arrayBuffer();
  } catch (err) {
    if (isTimeout(err))
      throw new ApiError('upstream_timeout', {
        detail: `The product's service did not finish its answer within ${req.timeoutMs} ms.`,
      });
    throw upstreamError("The product's service broke off its answer.");
  }
  const status = upstream.status;
  const type = (upstream.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (status >= 500 || status < 200 || (status >= 300 && status < 400))
    throw Object.assign(upstreamError(`The product's service answered ${status}.`), {
      upstreamStatus: status,
    });
  if (status >= 400 && type !== 'application/problem+json')
    throw Object.assign(
      upstreamError(`The product's service answered ${status} without a problem+json body.`),
      { upstreamStatus: status },
    );
  const out = new Headers();
  for (const name of PASSED_RESPONSE_HEADERS) {
    const v = upstream.headers.get(name);
    if (v !== null) out.set(name, v);
  }
  out.set('Cache-Control', 'no-store');
  return { response: new Response(status === 204 ? null : body, { status, headers: out }), status };
}

function upstreamError(detail: string): ApiError {
  return new ApiError('upstream_error', { detail });
}

function isTimeout(err: unknown): boolean {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  return name === 'TimeoutError' || name === 'AbortError';
}

function isRefusal(err: unknown): boolean {
  const code = (e: unknown) => (e as { code?: unknown } | null)?.code;
  return code(err) === EGRESS_REFUSED || code((err as { cause?: unknown } | null)?.cause) === EGRESS_REFUSED;
}
