import { SignJWT } from 'jose';
import type { KeyStore } from '../../../../oauth/keys';
import type { IdGenerator } from '../../../../platform/context';

export const IDENTITY_HEADER = 'Tessera-Identity';
/** The JWT `typ`: an access token (signed by the same keys) can never pass for an identity. */
export const IDENTITY_TYP = 'tessera-identity+jwt';
export const IDENTITY_TTL_S = 60;

export interface Caller {
  appId: string;
  customerId: string | null;
  consentId: string | null;
  scopes: string[];
}

/**
 * What the upstream learns of the caller instead of the partner's token (DOMAIN.md): a JWT
 * signed by the gateway's keys (verifiable with its JWKS), for the product as audience, the
 * customer (or the app, for app-level calls) as subject, living 60 seconds.
 */
export async function identityAssertion(
  keys: KeyStore,
  ids: IdGenerator,
  input: { issuer: string; productId: string; caller: Caller; now: Date },
): Promise<string> {
  const key = await keys.signingKey();
  const iat = Math.floor(input.now.getTime() / 1000);
  const { caller } = input;
  return new SignJWT({
    azp: caller.appId,
    ...(caller.consentId ? { csn: caller.consentId } : {}),
    scope: caller.scopes.join(' '),
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: IDENTITY_TYP })
    .setIssuer(input.issuer)
    .setAudience(input.productId)
    .setSubject(caller.customerId ?? caller.appId)
    .setJti(ids.newId('tid'))
    .setIssuedAt(iat)
    .setExpirationTime(iat + IDENTITY_TTL_S)
    .sign(key.key);
}
