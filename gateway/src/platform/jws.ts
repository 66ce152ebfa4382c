import { base64url } from 'jose';
import type { ImportedKey, SignatureAlg, SignatureCrypto } from './signatures';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

export interface CompactJws {
  header: Record<string, unknown>;
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

/** A compact JWS with a JSON payload, decoded but not verified; null when it is not one. */
export function parseCompactJws(token: string): CompactJws | null {
  const m = COMPACT_JWS.exec(token);
  if (!m) return null;
  const header = jsonObject(m[1]!);
  const payload = jsonObject(m[2]!);
  if (!header || !payload) return null;
  let signature: Uint8Array;
  try {
    signature = base64url.decode(m[3]!);
  } catch {
    return null;
  }
  return { header, payload, signingInput: encoder.encode(`${m[1]}.${m[2]}`), signature };
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
