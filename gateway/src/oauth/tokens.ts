import { createLocalJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { Clock } from '../platform/clock';
import { randomToken } from '../platform/ids';
import type { SignatureCrypto } from '../platform/signatures';
import { accessTokenHashWith } from './checks/dpop-ath';
import { OAuthError } from './errors';
import type { KeyStore, SigningKey } from './keys';
import { signJwt } from './sign-jwt';

export const ACCESS_TOKEN_TTL_S = 300;

export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  aud: string;
  sub: string;
  client_id: string;
  scope: string;
  jti: string;
  iat: number;
  exp: number;
  /** The grant the token came from: revoking it (reused code, revocation) revokes the token. */
  gid: string;
  consent_id?: string;
  cnf?: { jkt: string };
}

export interface TokenIssuer {
  issuer: string;
  audience: string;
  keys: KeyStore;
  clock: Clock;
  /** The runtime's crypto, when it has its own (node:crypto signs in a third of jose's time). */
  crypto?: SignatureCrypto;
}

function sign(t: TokenIssuer, signer: SigningKey, claims: AccessTokenClaims): Promise<string> {
  return signJwt(t.crypto, signer, { typ: 'at+jwt' }, claims);
}

/** An RFC 9068 access token: `typ: at+jwt`, ES256, five minutes. */
export async function issueAccessToken(
  t: TokenIssuer,
  c: {
    sub: string;
    clientId: string;
    scopes: string[];
    grantId: string;
    consentId?: string | null;
    jkt?: string | null;
  },
): Promise<{ token: string; claims: AccessTokenClaims }> {
  const signer = await t.keys.signingKey();
  const iat = Math.floor(t.clock.now().getTime() / 1000);
  const claims: AccessTokenClaims = {
    iss: t.issuer,
    aud: t.audience,
    sub: c.sub,
    client_id: c.clientId,
    scope: c.scopes.join(' '),
    jti: randomToken(24),
    iat,
    exp: iat + ACCESS_TOKEN_TTL_S,
    gid: c.grantId,
    ...(c.consentId ? { consent_id: c.consentId } : {}),
    ...(c.jkt ? { cnf: { jkt: c.jkt } } : {}),
  };
  return { token: await sign(t, signer, claims), claims };
}

const MAX_CACHE = 10_000;

interface Verified {
  claims: AccessTokenClaims;
  ath?: string;
}

/**
 * Verifies access tokens with pinned algorithm, issuer, audience and type. A signature check costs
 * ~200 µs, so a verified token is remembered (keyed by the token itself: hashing it first was an
 * async Web Crypto call, 0.3 ms of every request) until it expires; what can change before then
 * — consent, grant, revocation — is checked by the caller on every request.
 */
export class AccessTokenVerifier {
  #cache = new Map<string, Verified>();

  constructor(private readonly t: TokenIssuer) {}

  /**
   * RFC 9449 §4.2's `ath` of a token verify() accepted, hashed once per token rather than once
   * per request (a DPoP-bound token comes back with a new proof every time).
   */
  accessTokenHash(token: string): string | undefined {
    const cached = this.#cache.get(token);
    if (!cached || !this.t.crypto) return undefined;
    cached.ath ??= accessTokenHashWith(this.t.crypto, token);
    return cached.ath;
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const now = Math.floor(this.t.clock.now().getTime() / 1000);
    const key = token;
    const cached = this.#cache.get(key);
    if (cached) {
      if (cached.claims.exp > now) return cached.claims;
      this.#cache.delete(key);
    }
    const jwks = createLocalJWKSet({ keys: await this.t.keys.publicKeys() });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        algorithms: ['ES256'],
        issuer: this.t.issuer,
        audience: this.t.audience,
        typ: 'at+jwt',
        currentDate: this.t.clock.now(),
        requiredClaims: ['exp', 'iat', 'jti', 'sub', 'client_id', 'gid'],
      }));
    } catch (err) {
      const expired = err instanceof joseErrors.JWTExpired;
      throw new OAuthError(
        'invalid_token',
        expired ? 'The access token has expired.' : 'The access token is invalid.',
        {
          rule: expired ? 'token.exp' : `token.${(err as { code?: string }).code ?? 'invalid'}`,
        },
      );
    }
    const claims = payload as AccessTokenClaims;
    if (this.#cache.size >= MAX_CACHE) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(key, { claims });
    return claims;
  }
}
