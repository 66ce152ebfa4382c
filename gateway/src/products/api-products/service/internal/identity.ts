import type { KeyStore } from '../../../../oauth/keys';
import { signJwt } from '../../../../oauth/sign-jwt';
import type { IdGenerator } from '../../../../platform/context';
import type { SignatureCrypto } from '../../../../platform/signatures';

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
  input: { issuer: string; productId: string; caller: Caller; now: Date; crypto?: SignatureCrypto },
): Promise<string> {
  const iat = Math.floor(input.now.getTime() / 1000);
  const { caller } = input;
  return signJwt(
    input.crypto,
    await keys.signingKey(),
    { typ: IDENTITY_TYP },
    {
      iss: input.issuer,
      aud: input.productId,
      sub: caller.customerId ?? caller.appId,
      azp: caller.appId,
      ...(caller.consentId ? { csn: caller.consentId } : {}),
      scope: caller.scopes.join(' '),
      jti: ids.newId('tid'),
      iat,
      exp: iat + IDENTITY_TTL_S,
    },
  );
}
