import type { OAuthServices } from '../../context';
import { OAuthError } from '../../errors';
import type { AccessTokenClaims } from '../../tokens';

/** A valid access token's claims, whoever it was issued to; null when it is not one of ours. */
export async function accessTokenClaims(
  oauth: OAuthServices,
  token: string,
): Promise<AccessTokenClaims | null> {
  try {
    return await oauth.verifier.verify(token);
  } catch (err) {
    if (err instanceof OAuthError) return null;
    throw err;
  }
}
