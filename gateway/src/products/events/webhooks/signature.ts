import { timingSafeEqual } from '../../../platform/crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com): a delivery is signed with
 * HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}`, keyed with the base64-decoded
 * part of a `whsec_` secret. Web Crypto only: this runs in workerd and Node alike.
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
/** How far a receiver lets a timestamp drift from its clock (the spec's and the libraries' 5 min). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const encoder = new TextEncoder();

export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${toBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))}`;
}

export interface SignInput {
  /** The `webhook-id` header: the event id, on which receivers deduplicate. */
  id: string;
  /** The `webhook-timestamp` header: whole seconds since the epoch. */
  timestamp: number;
  /** The exact bytes sent, as a string. */
  body: string;
  /** One signature per secret: the current one, and the previous one during a rotation. */
  secrets: readonly string[];
}

/** The `webhook-signature` header value: `v1,<base64>` per secret, separated by spaces. */
export async function signWebhook({ id, timestamp, body, secrets }: SignInput): Promise<string> {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError('the timestamp is whole seconds since the epoch');
  }
  if (secrets.length === 0) throw new RangeError('at least one secret signs');
  const content = encoder.encode(`${id}.${timestamp}.${body}`);
  const signatures = await Promise.all(secrets.map(async (secret) => `v1,${await hmac(secret, content)}`));
  return signatures.join(' ');
}

export interface VerifyInput {
  headers: Headers | Record<string, string | undefined>;
  body: string;
  /** Any of these may have signed (a receiver during its own rotation). */
  secrets: readonly string[];
  /** The receiver's time in seconds; defaults to the system clock. */
  nowSeconds?: number;
  toleranceSeconds?: number;
}

/** Verifies a delivery as a receiver would: true when a `v1` signature matches and the time is fresh. */
export async function verifyWebhook(input: VerifyInput): Promise<boolean> {
  const header = (name: string) =>
    input.headers instanceof Headers ? (input.headers.get(name) ?? undefined) : input.headers[name];
  const id = header('webhook-id');
  const timestampText = header('webhook-timestamp');
  const signatureHeader = header('webhook-signature');
  if (!id || !timestampText || !signatureHeader || !/^\d{1,15}$/.test(timestampText)) return false;
  const timestamp = Number(timestampText);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) return false;

  const offered = signatureHeader
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => entry.slice(3));
  const content = encoder.encode(`${id}.${timestamp}.${input.body}`);
  for (const secret of input.secrets) {
    const expected = await hmac(secret, content);
    // Compare against every offered signature, so timing says nothing about which one matched.
    let match = false;
    for (const candidate of offered) match = timingSafeEqual(candidate, expected) || match;
    if (match) return true;
  }
  return false;
}

async function hmac(secret: string, content: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    decodeSecret(secret) as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, content as BufferSource)));
}

function decodeSecret(secret: string): Uint8Array {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(encoded);
  } catch {
    // Never echo the secret itself in the error.
    throw new TypeError('a webhook secret is whsec_ followed by base64');
  }
  if (bytes.length === 0) throw new TypeError('a webhook secret is whsec_ followed by base64');
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
