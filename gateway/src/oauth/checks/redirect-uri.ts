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
/** Both registration paths (console and RFC 7591) store at most this, and the App schema says so. */
export const MAX_REDIRECT_URI_LENGTH = 2000;

/** What may be registered: https, or http on loopback only; no fragment (RFC 6749 3.1.2). */
export function registrableRedirectUri(uri: string): string | null {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return `is longer than ${MAX_REDIRECT_URI_LENGTH} characters`;
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
