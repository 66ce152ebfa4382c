import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import type { ClientApp } from '../clients';
import { OAuthError } from '../errors';
import { FUTURE_SKEW_SECONDS, secondsTooFarAhead } from './clock-skew';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** FAPI 2.0: asymmetric algorithms only. */
export const CLIENT_ASSERTION_ALGS = ['ES256', 'PS256'];
/** An assertion may live at most this long (exp - now); its jti is remembered for as long. */
export const MAX_ASSERTION_LIFETIME_S = 300;
/**
 * The tolerance applies to exp too (a client's clock may run behind as well as ahead), so the
 * jti must be remembered this long after exp or the assertion could come back once forgotten.
 */
export const ASSERTION_JTI_MEMORY_AFTER_EXP_S = FUTURE_SKEW_SECONDS + 1;

const remoteSets = new Map<string, JWTVerifyGetKey>();

function keysOf(app: ClientApp): JWTVerifyGetKey {
  if (app.jwks) return createLocalJWKSet(app.jwks as Parameters<typeof createLocalJWKSet>[0]);
  if (app.jwksUri) {
    let set = remoteSets.get(app.jwksUri);
    if (!set) {
      set = createRemoteJWKSet(new URL(app.jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
      remoteSets.set(app.jwksUri, set);
    }
    return set;
  }
  throw new OAuthError('invalid_client', 'The client has no registered keys for private_key_jwt.', {
    rule: 'client_assertion.keys',
  });
}

/**
 * RFC 7523 client authentication as FAPI 2.0 profiles it: iss = sub = client_id, aud = this
 * server's issuer identifier, a short exp, an asymmetric alg. Returns jti and exp for the
 * replay check, which the caller records.
 */
export async function verifyClientAssertion(
  app: ClientApp,
  assertion: string,
  issuer: string,
  now: Date,
): Promise<{ jti: string; exp: number }> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(assertion).alg;
  } catch {
    throw new OAuthError('invalid_client', 'client_assertion is not a JWT.', {
      rule: 'client_assertion.format',
    });
  }
  if (!alg || !CLIENT_ASSERTION_ALGS.includes(alg)) {
    throw new OAuthError(
      'invalid_client',
      `client_assertion alg must be one of ${CLIENT_ASSERTION_ALGS.join(', ')}.`,
      { rule: 'client_assertion.alg' },
    );
  }
  try {
    const { payload } = await jwtVerify(assertion, keysOf(app), {
      algorithms: CLIENT_ASSERTION_ALGS,
      issuer: app.id,
      subject: app.id,
      audience: issuer,
      currentDate: now,
      requiredClaims: ['exp', 'jti'],
      clockTolerance: FUTURE_SKEW_SECONDS,
    });
    // FAPI 2.0 §5.3.2.1: the issuer as a string, the sole audience; jose accepts it in an array.
    if (payload.aud !== issuer) {
      throw new OAuthError('invalid_client', `client_assertion aud must be the string "${issuer}".`, {
        rule: 'client_assertion.aud',
      });
    }
    // jose checks nbf against the tolerance but iat only with maxTokenAge, not what we want.
    const iatAhead = secondsTooFarAhead(payload.iat, now);
    if (iatAhead !== null) {
      throw new OAuthError(
        'invalid_client',
        `client_assertion iat is ${iatAhead} s in the future (at most ${FUTURE_SKEW_SECONDS} s); check your clock.`,
        { rule: 'client_assertion.iat' },
      );
    }
    const exp = payload.exp!;
    if (exp - now.getTime() / 1000 > MAX_ASSERTION_LIFETIME_S) {
      throw new OAuthError(
        'invalid_client',
        `client_assertion exp must be within ${MAX_ASSERTION_LIFETIME_S} s.`,
        { rule: 'client_assertion.exp' },
      );
    }
    if (typeof payload.jti !== 'string' || payload.jti.length > 256) {
      throw new OAuthError('invalid_client', 'client_assertion jti must be a string.', {
        rule: 'client_assertion.jti',
      });
    }
    return { jti: payload.jti, exp };
  } catch (err) {
    if (err instanceof OAuthError) throw err;
    const rule =
      err instanceof joseErrors.JWTExpired
        ? 'client_assertion.exp'
        : err instanceof joseErrors.JWTClaimValidationFailed
          ? `client_assertion.${err.claim}`
          : 'client_assertion.signature';
    const what =
      err instanceof joseErrors.JWTClaimValidationFailed
        ? `the "${err.claim}" claim is wrong`
        : err instanceof joseErrors.JWTExpired
          ? 'it has expired'
          : 'its signature does not verify with the client keys';
    throw new OAuthError('invalid_client', `client_assertion refused: ${what}.`, { rule });
  }
}
