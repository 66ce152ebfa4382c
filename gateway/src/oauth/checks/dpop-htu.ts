import { refuse, show } from './dpop-refuse';

/**
 * RFC 9449 §4.3: the proof is for this URI, query and fragment ignored. WHATWG URL parsing gives
 * the RFC 3986 §6.2.2–6.2.3 normalization that matters here: lower-case scheme and host, no
 * default port, dot segments removed, an empty path as "/".
 */
export function checkHtu(htu: unknown, requestUrl: string): void {
  const expected = normalizedRequestUrl(requestUrl);
  if (expected === null) throw new TypeError(`not an absolute http(s) request URL: ${requestUrl}`);
  // A client that sends the URL as we would write it needs no parsing: the common case.
  if (htu === expected) return;
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

/** Clients come back to the same URLs: each is parsed once while it stays among the recent ones. */
const MAX_REQUEST_URLS = 1000;
const requestUrls = new Map<string, string | null>();

function normalizedRequestUrl(url: string): string | null {
  let normal = requestUrls.get(url);
  if (normal === undefined) {
    normal = normalizeHtu(url);
    if (requestUrls.size >= MAX_REQUEST_URLS) requestUrls.delete(requestUrls.keys().next().value!);
    requestUrls.set(url, normal);
  }
  return normal;
}
