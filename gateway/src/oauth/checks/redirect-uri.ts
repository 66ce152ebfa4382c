import { OAuthError } from '../errors';

/** Exact string match against a registered URI (RFC 9700 4.1.3); required at PAR by FAPI 2.0. */
export function checkRedirectUri(redirectUri: string | null, registered: string[]): string {
  if (!redirectUri)
    throw new OAuthError('invalid_request', 'redirect_uri is required.', { rule: 'redirect_uri.required' });
  if (!registered.includes(redirectUri)) {
    throw new OAuthError(
      'invalid_request',
      'redirect_uri is not registered for this client (exact match required).',
      { rule: 'redirect_uri.unregistered' },
    );
  }
  return redirectUri;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** What may be registered: https, or http on loopback only; no fragment (RFC 6749 3.1.2). */
export function registrableRedirectUri(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.hash || uri.includes('#')) return 'must not contain a fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'must use https (http is allowed only for loopback addresses)';
}
