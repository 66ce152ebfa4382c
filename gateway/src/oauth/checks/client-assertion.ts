import { compactVerify, createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { type CompactJws, parseCompactJws, verifyCompactJws } from '../../platform/jws';
import { type SignatureAlg, webSignatureCrypto } from '../../platform/signatures';
import { ClientKeySets } from '../client-keys';
import type { ClientApp } from '../clients';
import { OAuthError } from '../errors';
import { ImportedKeyCache } from '../key-cache';
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
/** For callers that bring no key cache of their own: WebCrypto. */
const defaultKeySets = new ClientKeySets(new ImportedKeyCache(webSignatureCrypto));

function remoteSet(uri: string): JWTVerifyGetKey {
  let set = remoteSets.get(uri);
  if (!set) {
    set = createRemoteJWKSet(new URL(uri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    remoteSets.set(uri, set);
  }
  return set;
}

/**
 * Registered keys (`jwks`) are imported once per app and key and verified on the deployment's
 * crypto; a `jwks_uri` set is fetched and cached by jose, which also verifies with it.
 */
async function signatureVerifies(
  app: ClientApp,
  assertion: string,
  jws: CompactJws,
  alg: SignatureAlg,
  keySets: ClientKeySets,
): Promise<boolean> {
  if (app.jwks) {
    for (const candidate of keySets.candidates(app, alg, jws.header.kid)) {
      const key = await candidate.catch(() => null);
      if (key && (await verifyCompactJws(keySets.crypto, jws, alg, key))) return true;
    }
    return false;
  }
  if (app.jwksUri) {
    try {
      await compactVerify(assertion, remoteSet(app.jwksUri), { algorithms: [alg] });
      return true;
    } catch {
      return false;
    }
  }
  throw new OAuthError('invalid_client', 'The client has no registered keys for private_key_jwt.', {
    rule: 'client_assertion.keys',
  });
}

const refused = (what: string, rule: string) =>
  new OAuthError('invalid_client', `client_assertion refused: ${what}.`, { rule });
const wrongClaim = (claim: string) => refused(`the "${claim}" claim is wrong`, `client_assertion.${claim}`);

/** The registered claims RFC 7519 §4.1 gives a form to, checked as jose's jwtVerify checked them. */
function checkRegisteredClaims(
  p: Record<string, unknown>,
  app: ClientApp,
  issuer: string,
  now: Date,
): number {
  for (const claim of ['exp', 'jti', 'iss', 'sub', 'aud']) if (!(claim in p)) throw wrongClaim(claim);
  if (p.iss !== app.id) throw wrongClaim('iss');
  if (p.sub !== app.id) throw wrongClaim('sub');
  const audiences = typeof p.aud === 'string' ? [p.aud] : Array.isArray(p.aud) ? p.aud : [];
  if (!audiences.includes(issuer)) throw wrongClaim('aud');
  const seconds = Math.floor(now.getTime() / 1000);
  if (p.iat !== undefined && typeof p.iat !== 'number') throw wrongClaim('iat');
  if (p.nbf !== undefined) {
    if (typeof p.nbf !== 'number' || p.nbf > seconds + FUTURE_SKEW_SECONDS) throw wrongClaim('nbf');
  }
  if (typeof p.exp !== 'number') throw wrongClaim('exp');
  if (p.exp <= seconds - FUTURE_SKEW_SECONDS) throw refused('it has expired', 'client_assertion.exp');
  return p.exp;
}

/**
 * RFC 7523 client authentication as FAPI 2.0 profiles it: iss = sub = client_id, aud = this
 * server's issuer identifier, a short exp, an asymmetric alg. Returns what the replay check
 * records: jti, exp and iat.
 */
export async function verifyClientAssertion(
  app: ClientApp,
  assertion: string,
  issuer: string,
  now: Date,
  keySets: ClientKeySets = defaultKeySets,
): Promise<{ jti: string; exp: number; iat: number | undefined }> {
  const jws = parseCompactJws(assertion);
  if (!jws) {
    throw new OAuthError('invalid_client', 'client_assertion is not a JWT.', {
      rule: 'client_assertion.format',
    });
  }
  const alg = jws.header.alg;
  if (typeof alg !== 'string' || !CLIENT_ASSERTION_ALGS.includes(alg)) {
    throw new OAuthError(
      'invalid_client',
      `client_assertion alg must be one of ${CLIENT_ASSERTION_ALGS.join(', ')}.`,
      { rule: 'client_assertion.alg' },
    );
  }
  if (!(await signatureVerifies(app, assertion, jws, alg as SignatureAlg, keySets))) {
    throw refused('its signature does not verify with the client keys', 'client_assertion.signature');
  }
  const payload = jws.payload;
  const exp = checkRegisteredClaims(payload, app, issuer, now);
  // FAPI 2.0 §5.3.2.1: the issuer as a string, the sole audience.
  if (payload.aud !== issuer) {
    throw new OAuthError('invalid_client', `client_assertion aud must be the string "${issuer}".`, {
      rule: 'client_assertion.aud',
    });
  }
  const iatAhead = secondsTooFarAhead(payload.iat, now);
  if (iatAhead !== null) {
    throw new OAuthError(
      'invalid_client',
      `client_assertion iat is ${iatAhead} s in the future (at most ${FUTURE_SKEW_SECONDS} s); check your clock.`,
      { rule: 'client_assertion.iat' },
    );
  }
  if (exp - now.getTime() / 1000 > MAX_ASSERTION_LIFETIME_S) {
    throw new OAuthError(
      'invalid_client',
      `client_assertion exp must be within ${MAX_ASSERTION_LIFETIME_S} s.`,
      {
        rule: 'client_assertion.exp',
      },
    );
  }
  if (typeof payload.jti !== 'string' || payload.jti.length > 256) {
    throw new OAuthError('invalid_client', 'client_assertion jti must be a string.', {
      rule: 'client_assertion.jti',
    });
  }
  return { jti: payload.jti, exp, iat: payload.iat as number | undefined };
}
