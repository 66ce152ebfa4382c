/** The runtime's fetch, injected: Node passes its global, Workers theirs. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export const WEBHOOK_USER_AGENT = 'Tessera-Webhooks/1';

export interface SendResult {
  ok: boolean;
  /** The HTTP status, or null when no response came (timeout, refused, reset). */
  status: number | null;
  latencyMs: number;
  /** Why it failed, for the delivery log. Never the URL or a header: both can carry secrets. */
  error: string | null;
}

/** One POST to an endpoint. Only a 2xx succeeds; a redirect is not followed and counts as a failure. */
export async function sendWebhook(
  fetch: FetchLike,
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
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
    return { ok: false, status: null, latencyMs: elapsed(), error: describeFailure(err, timeoutMs) };
  }
}

function describeFailure(err: unknown, timeoutMs: number): string {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `timeout: no response within ${timeoutMs} ms`;
  // Node puts the socket error code in `cause` (ECONNREFUSED, ENOTFOUND…); its message may carry the host.
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,39}$/.test(code)) return `network error: ${code}`;
  return 'network error';
}
