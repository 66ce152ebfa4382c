import { EGRESS_REFUSED, type EgressPolicy } from '../../../platform/egress/destination';
import { timeoutSignal } from '../../../platform/egress/timeout';

/**
 * The runtime's fetch, injected. Node's resolves the host itself and connects only to addresses
 * the policy allows (runtime/node-egress.ts); a Worker's cannot, and ignores the policy.
 */
export type FetchLike = (url: string, init: RequestInit, policy: EgressPolicy) => Promise<Response>;

export const WEBHOOK_USER_AGENT = 'Tessera-Webhooks/1';

export interface SendResult {
  ok: boolean;
  /** The HTTP status, or null when no response came (timeout, refused, reset). */
  status: number | null;
  latencyMs: number;
  /** Why it failed, for the delivery log. Never the URL or a header: both can carry secrets. */
  error: string | null;
}

/**
 * What the log says of any destination the policy refuses, before or after resolving it: one
 * entry and no latency, so that it cannot tell an open internal port from a closed one.
 */
export const REFUSED_DESTINATION: SendResult = {
  ok: false,
  status: null,
  latencyMs: 0,
  error: 'not sent: the destination is not a permitted public address',
};

/** One POST to an endpoint. Only a 2xx succeeds; a redirect is not followed and counts as a failure. */
export async function sendWebhook(
  fetch: FetchLike,
  policy: EgressPolicy,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  const timeout = timeoutSignal(timeoutMs);
  try {
    const response = await fetch(
      url,
      { method: 'POST', headers, body, redirect: 'manual', signal: timeout.signal },
      policy,
    );
    const latencyMs = elapsed();
    // The body is not kept; cancelling frees the connection without waiting for a slow stream.
    await response.body?.cancel().catch(() => {});
    const status = response.status;
    if (status >= 200 && status < 300) return { ok: true, status, latencyMs, error: null };
    return {
      ok: false,
      status: status === 0 ? null : status,
      latencyMs,
      error:
        status === 0 || (status >= 300 && status < 400)
          ? 'redirect not followed: the endpoint must answer 2xx itself'
          : `endpoint answered ${status}`,
    };
  } catch (err) {
    if (isEgressRefusal(err)) return REFUSED_DESTINATION;
    return { ok: false, status: null, latencyMs: elapsed(), error: describeFailure(err, timeoutMs) };
  } finally {
    timeout.clear();
  }
}

/** fetch wraps the connector's error in a TypeError('fetch failed'); its cause is ours. */
function isEgressRefusal(err: unknown): boolean {
  const code = (e: unknown) => (e as { code?: unknown } | null)?.code;
  return code(err) === EGRESS_REFUSED || code((err as { cause?: unknown } | null)?.cause) === EGRESS_REFUSED;
}

function describeFailure(err: unknown, timeoutMs: number): string {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `timeout: no response within ${timeoutMs} ms`;
  // Node puts the socket error code in `cause` (ECONNREFUSED, ENOTFOUND…); its message may carry the host.
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,39}$/.test(code)) return `network error: ${code}`;
  return 'network error';
}
