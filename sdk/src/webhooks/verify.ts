import { fromBase64, utf8 } from '../core/encoding.js';
import { WebhookVerificationError } from '../core/errors.js';
import type { TesseraEvent } from './events.js';

/** The Standard Webhooks tolerance: a delivery older or newer than this is refused (replay). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;
const SECRET_PREFIX = 'whsec_';

export interface VerifyWebhookOptions {
  /** Default 300 s. */
  toleranceSeconds?: number;
  /** Seconds since the epoch to compare with (default: now). */
  nowSeconds?: number;
}

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/**
 * Verifies a Standard Webhooks delivery and returns its event: HMAC-SHA256 over
 * `${webhook-id}.${webhook-timestamp}.${body}` with any of the secrets (several during a rotation),
 * against any `v1,` signature of the header, compared in constant time; the timestamp must be
 * within the tolerance. Throws {@link WebhookVerificationError} otherwise.
 *
 * @example
 * ```ts
 * // Cloudflare Worker, or any fetch-style server: verify the raw text, not re-serialized JSON.
 * const event = await verifyWebhook(await request.text(), request.headers, env.TESSERA_WEBHOOK_SECRET);
 * ```
 */
export async function verifyWebhook(
  rawBody: string,
  headers: WebhookHeaders,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<TesseraEvent> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw refuse(
      'webhook_missing_headers',
      'webhook-id, webhook-timestamp and webhook-signature are required.',
    );
  if (!/^\d{1,15}$/.test(timestamp))
    throw refuse('webhook_timestamp_out_of_tolerance', 'webhook-timestamp is not whole seconds.');
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (Math.abs(now - Number(timestamp)) > tolerance)
    throw refuse(
      'webhook_timestamp_out_of_tolerance',
      `webhook-timestamp is more than ${tolerance} s from now: a replay, or a clock to fix.`,
    );

  const offered = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3));
  const content = utf8(`${id}.${timestamp}.${rawBody}`);
  let match = false;
  for (const s of typeof secret === 'string' ? [secret] : secret) {
    const expected = await hmac(s, content);
    // Every candidate is compared in full, so timing says nothing about which one (if any) matched.
    for (const candidate of offered) match = constantTimeEqual(candidate, expected) || match;
  }
  if (!match) throw refuse('webhook_signature_invalid', 'No webhook-signature matches the secret.');

  let event: unknown;
  try {
    event = JSON.parse(rawBody);
  } catch {
    throw refuse('webhook_invalid_payload', 'The body is not JSON.');
  }
  if (!event || typeof event !== 'object' || typeof (event as { type?: unknown }).type !== 'string')
    throw refuse('webhook_invalid_payload', 'The body is not an event.');
  return event as TesseraEvent;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(' ') : value;
  }
  return undefined;
}

async function hmac(secret: string, content: Uint8Array<ArrayBuffer>): Promise<string> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
  } catch {
    // Never echo the secret.
    throw refuse('webhook_invalid_secret', 'The webhook secret is not whsec_ followed by base64.');
  }
  if (raw.length === 0) throw refuse('webhook_invalid_secret', 'The webhook secret is empty.');
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, content));
  let binary = '';
  for (const b of mac) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Compares every character whatever the lengths, so the time depends on the input length only. */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a.charCodeAt(i) || 0) ^ b.charCodeAt(i);
  return diff === 0;
}

function refuse(code: string, detail: string): WebhookVerificationError {
  return new WebhookVerificationError({ code, detail });
}
