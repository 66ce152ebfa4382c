import type { KeyStore } from '../../../oauth/keys';
import type { Services } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { rollbackReason, takesCanary } from './internal/canary';
import { callUpstream } from './internal/forward';
import { type Caller, identityAssertion } from './internal/identity';
import type { IncomingRequest } from './internal/request-check';
import type { LiveVersion, RouteMatch, RouteTable } from './internal/route-table';
import { rollBackCanary } from './roll-back-canary';

export interface CallProductInput {
  match: RouteMatch;
  caller: Caller & { mode: 'sandbox' | 'live' };
  request: IncomingRequest & {
    method: string;
    path: string;
    search: string;
    idempotencyKey: string | undefined;
  };
  requestId: string;
}

/**
 * A partner's call to a published operation, after the resource server let it in: the request is
 * held to the document of the version that serves this app (nothing reaches the upstream
 * otherwise), forwarded with an identity assertion in place of the partner's credentials, its
 * outcome counted for the version, and a failing canary rolled back.
 */
export async function callProduct({
  services,
  keys,
  issuer,
  table,
  input,
}: {
  services: Services;
  keys: KeyStore;
  issuer: string;
  table: RouteTable;
  input: CallProductInput;
}): Promise<Response> {
  const { product } = input.match;
  const canary =
    product.canary &&
    product.canaryShare > 0 &&
    takesCanary(product.id, input.caller.appId, product.canaryShare);
  const version = canary ? product.canary! : product.stable;
  const check = operationOf(version, input.match) ?? operationOf(product.stable, input.match)!;
  const errors = check.check(input.request);
  if (errors.length) throw new ApiError('invalid_request', { errors });

  const identity = await identityAssertion(keys, services.ids, {
    issuer,
    productId: product.id,
    caller: { ...input.caller, scopes: input.caller.scopes.filter((s) => s.startsWith(`${product.id}:`)) },
    now: services.clock.now(),
    ...(services.crypto ? { crypto: services.crypto } : {}),
  });
  const started = performance.now();
  let status = 502;
  try {
    const answer = await callUpstream(services.egress ?? ((url, init) => fetch(url, init)), {
      mode: input.caller.mode,
      allowLoopback: services.config.UPSTREAM_ALLOW_LOOPBACK,
      upstreamUrl: version.upstreamUrl,
      path: input.request.path,
      search: input.request.search,
      method: input.request.method,
      headers: check.forwardedHeaders(input.request.headers),
      identity,
      requestId: input.requestId,
      idempotencyKey: input.request.idempotencyKey,
      body: input.request.body,
      timeoutMs: product.timeoutMs,
    });
    status = answer.status;
    return withDeprecation(answer.response, product);
  } catch (err) {
    if (err instanceof ApiError) {
      status = err.code === 'upstream_timeout' ? 504 : 502;
      throw withDeprecationHeaders(err, product);
    }
    throw err;
  } finally {
    table.window(version.id).record({ status, latencyMs: performance.now() - started });
    if (canary) await judgeCanary(services, table, product.id, product.stable.id, version.id);
  }
}

function operationOf(version: LiveVersion, match: RouteMatch) {
  return version.checks.find(
    (c) => c.operation.method === match.method && c.operation.path === match.template,
  );
}

async function judgeCanary(
  services: Services,
  table: RouteTable,
  productId: string,
  stableId: string,
  canaryId: string,
) {
  const reason = rollbackReason(table.window(stableId).outcomes(), table.window(canaryId).outcomes());
  if (!reason) return;
  await rollBackCanary({ services, table, input: { productId, versionId: canaryId, reason } }).catch(
    (err: unknown) =>
      services.logger.error('canary rollback failed', { product: productId, error: String(err) }),
  );
}

/** RFC 9745 `Deprecation` (a structured date) and RFC 8594 `Sunset` (an HTTP date). */
function deprecationHeaders(product: RouteMatch['product']): Record<string, string> {
  if (product.status !== 'deprecated' || !product.deprecatedAt) return {};
  const headers: Record<string, string> = {
    Deprecation: `@${Math.floor(product.deprecatedAt.getTime() / 1000)}`,
  };
  if (product.sunsetAt) headers.Sunset = product.sunsetAt.toUTCString();
  return headers;
}

function withDeprecation(response: Response, product: RouteMatch['product']): Response {
  for (const [k, v] of Object.entries(deprecationHeaders(product))) response.headers.set(k, v);
  return response;
}

function withDeprecationHeaders(err: ApiError, product: RouteMatch['product']): ApiError {
  const extra = deprecationHeaders(product);
  if (Object.keys(extra).length === 0) return err;
  return new ApiError(err.code, {
    detail: err.detail,
    ...(err.errors ? { errors: err.errors } : {}),
    headers: { ...err.headers, ...extra },
  });
}
