import { ALL_GRANT_TYPES, type AppGrantType } from '../../db/schema';
import type { ClientApp } from '../clients';
import { OAuthError } from '../errors';

/** What this token endpoint implements: advertised in discovery, the only values DCR accepts. */
export const SUPPORTED_GRANT_TYPES = ALL_GRANT_TYPES;

export function isSupportedGrantType(value: string | null): value is AppGrantType {
  return SUPPORTED_GRANT_TYPES.includes(value as AppGrantType);
}

/**
 * RFC 6749 §5.2 and RFC 7591 §2: a client uses only the grant types it registered, so a client
 * registered for customer consents cannot mint app tokens with client_credentials.
 */
export function checkGrantTypeRegistered(client: ClientApp, grantType: AppGrantType): void {
  if (!client.grantTypes.includes(grantType)) {
    throw new OAuthError(
      'unauthorized_client',
      `This client is not registered for the ${grantType} grant (it registered ${client.grantTypes.join(', ')}).`,
      { rule: 'token.grant_type_registered' },
    );
  }
}
