import { base64url } from 'jose';
import type { ImportedKey, SignatureAlg, SignatureCrypto } from './signatures';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

export interface CompactJws {
  header: Record<string, unknown>;
  /** The header as sent (base64url): it alone determines `header`. */
  headerSegment: string;
  payload: Record<string, unknown>;
  /** ASCII of `header.payload`: what the signature covers. */
  signingInput: Uint8Array;
  signature: Uint8Array;
}

function jsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(decoder.decode(base64url.decode(part)));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * A compact JWS with a JSON payload, decoded but not verified; null when it is not one.
 * `knownHeader` gives what the header segment decoded to before (the same client signs every
 * proof with the same header), so only the payload and signature are decoded again.
 */
export function parseCompactJws(
  token: string,
  knownHeader?: (segment: string) => Record<string, unknown> | undefined,
): CompactJws | null {
  const m = COMPACT_JWS.exec(token);
  if (!m) return null;
  const header = knownHeader?.(m[1]!) ?? jsonObject(m[1]!);
  const payload = jsonObject(m[2]!);
  if (!header || !payload) return null;
  let signature: Uint8Array;
  try {
    signature = base64url.decode(m[3]!);
  } catch {
    return null;
  }
  return {
    header,
    headerSegment: m[1]!,
    payload,
    signingInput: encoder.encode(token.slice(0, m[1]!.length + m[2]!.length + 1)),
    signature,
  };
}

/**
 * RFC 7515 §5.2 for the one algorithm the caller pinned. A `crit` header names extensions that
 * would change what the signature means, and this server implements none, so it never verifies
 * (§4.1.11) — as jose refused it before this replaced jose on the hot paths.
 */
export async function verifyCompactJws(
  crypto: SignatureCrypto,
  jws: CompactJws,
  alg: SignatureAlg,
  key: ImportedKey,
): Promise<boolean> {
  if (jws.header.alg !== alg || jws.header.crit !== undefined) return false;
  return crypto.verify(alg, key, jws.signingInput, jws.signature);
}

export async function signCompactJws(
  crypto: SignatureCrypto,
  header: Record<string, unknown> & { alg: SignatureAlg },
  payload: Record<string, unknown>,
  key: ImportedKey,
): Promise<string> {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  const signature = await crypto.sign(header.alg, key, encoder.encode(input));
  return `${input}.${base64url.encode(signature)}`;
}
