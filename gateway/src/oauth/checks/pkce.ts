import { OAuthError } from '../errors';

export const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
export const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** PKCE RFC 7636, as FAPI 2.0 requires it: S256 only, on every authorization request. */
export function checkCodeChallenge(challenge: string | null, method: string | null): string {
  if (!challenge)
    throw new OAuthError('invalid_request', 'code_challenge is required (PKCE, S256).', {
      rule: 'pkce.required',
    });
  if (method !== 'S256') {
    throw new OAuthError('invalid_request', 'code_challenge_method must be S256; plain is not allowed.', {
      rule: 'pkce.method',
    });
  }
  if (!CODE_CHALLENGE.test(challenge)) {
    throw new OAuthError(
      'invalid_request',
      'code_challenge must be the base64url SHA-256 of the verifier (43 characters).',
      { rule: 'pkce.challenge_format' },
    );
  }
  return challenge;
}

export async function checkCodeVerifier(verifier: string | null, challenge: string): Promise<void> {
  if (!verifier || !CODE_VERIFIER.test(verifier)) {
    throw new OAuthError('invalid_grant', 'code_verifier must be 43-128 unreserved characters.', {
      rule: 'pkce.verifier_format',
    });
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  const computed = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  if (computed !== challenge)
    throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge.', {
      rule: 'pkce.verifier_mismatch',
    });
}
