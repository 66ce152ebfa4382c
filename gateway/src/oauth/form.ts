import type { Context } from 'hono';
import { OAuthError } from './errors';

/**
 * An OAuth request body: application/x-www-form-urlencoded, each parameter at most once
 * (RFC 6749 3.1, 3.2).
 */
export async function readForm(c: Context): Promise<URLSearchParams> {
  const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new OAuthError('invalid_request', 'Send the parameters as application/x-www-form-urlencoded.', {
      rule: 'request.content_type',
    });
  }
  const params = new URLSearchParams(await c.req.text());
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key))
      throw new OAuthError('invalid_request', `Parameter ${key} is repeated.`, {
        rule: 'request.repeated_parameter',
      });
    seen.add(key);
  }
  return params;
}

/** The URL a DPoP proof's htu must name: this endpoint on the public issuer, no query. */
export function endpointUrl(issuer: string, path: string): string {
  return `${issuer}${path}`;
}
