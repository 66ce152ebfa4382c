import { refuse, show } from './dpop-refuse';

/**
 * RFC 9449 §4.3: the proof is for this URI, query and fragment ignored. WHATWG URL parsing gives
 * the RFC 3986 §6.2.2–6.2.3 normalization that matters here: lower-case scheme and host, no
 * default port, dot segments removed, an empty path as "/".
 */
export function checkHtu(htu: unknown, requestUrl: string): void {
  const expected = normalizeHtu(requestUrl);
  if (expected === null) throw new TypeError(`not an absolute http(s) request URL: ${requestUrl}`);
  if (typeof htu !== 'string' || normalizeHtu(htu) !== expected) {
    throw refuse(
      'htu',
      `The DPoP proof "htu" must be "${expected}" (without query or fragment), got ${show(htu)}.`,
    );
  }
}

export function normalizeHtu(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return `${url.protocol}//${url.host}${url.pathname}`;
}
