import type { Context } from 'hono';
import { OAuthError } from './errors';

/**
 * The longest value each form parameter may have, in characters. Far above any honest value (a
 * PS256 client assertion with a large jwk is under 3 kB), so the only requests refused are ones
 * no client sends; the OpenAPI document's maxLength is this table. Parameters with a rule of their
 * own (redirect_uri, state, PKCE, dpop_jkt) are bounded by that rule; any other gets FORM_PARAMETER_MAX.
 */
export const FORM_LIMITS = {
  client_id: 64,
  client_assertion: 8192,
  client_assertion_type: 128,
  grant_type: 64,
  response_type: 16,
  scope: 1024,
  authorization_details: 16_384,
  code: 256,
  code_challenge_method: 16,
  refresh_token: 256,
  token: 32_768,
  token_type_hint: 32,
  request_uri: 256,
} as const;
export const FORM_PARAMETER_MAX = 16_384;

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
  for (const [key, value] of params) {
    const max = (FORM_LIMITS as Record<string, number>)[key] ?? FORM_PARAMETER_MAX;
    if (value.length > max)
      throw new OAuthError('invalid_request', `Parameter ${key} is longer than ${max} characters.`, {
        rule: 'request.parameter_too_long',
      });
  }
  return params;
}

/** The URL a DPoP proof's htu must name: this endpoint on the public issuer, no query. */
export function endpointUrl(issuer: string, path: string): string {
  return `${issuer}${path}`;
}
