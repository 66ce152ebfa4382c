import { z } from 'zod';
import type { AppGrantType } from '../../../db/schema';
import { SCOPES } from '../../../platform/scopes';
import { refineClientJwks } from '../../checks/client-jwks';
import { SUPPORTED_GRANT_TYPES } from '../../checks/grant-type';
import { MAX_REDIRECT_URI_LENGTH, registrableRedirectUri } from '../../checks/redirect-uri';
import { OAuthError } from '../../errors';

/** RFC 7591 client metadata as this server accepts it: the validator, and the documented schema. */
export const ClientMetadata = z
  .object({
    redirect_uris: z.array(z.string().max(MAX_REDIRECT_URI_LENGTH)).min(1).max(20),
    token_endpoint_auth_method: z.enum(['private_key_jwt', 'client_secret_basic']).default('private_key_jwt'),
    jwks: z
      .object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) })
      .superRefine(refineClientJwks)
      .optional(),
    jwks_uri: z.string().max(MAX_REDIRECT_URI_LENGTH).url().startsWith('https://').optional(),
    client_name: z.string().min(1).max(100).default('Unnamed app'),
    logo_uri: z.string().max(MAX_REDIRECT_URI_LENGTH).url().startsWith('https://').optional(),
    scope: z.string().max(1000).optional(),
    // RFC 7591 §2: absent means authorization_code alone; least privilege, nothing implied.
    grant_types: z
      .array(
        z.enum(SUPPORTED_GRANT_TYPES as [AppGrantType, ...AppGrantType[]], {
          error: `grant_types may hold ${SUPPORTED_GRANT_TYPES.join(', ')}`,
        }),
      )
      .min(1)
      .max(10)
      .default(['authorization_code']),
    response_types: z.array(z.literal('code')).max(1).optional(),
    dpop_bound_access_tokens: z.boolean().default(true),
  })
  .refine(
    (m) => m.token_endpoint_auth_method !== 'private_key_jwt' || Boolean(m.jwks) !== Boolean(m.jwks_uri),
    {
      message: 'private_key_jwt needs exactly one of jwks or jwks_uri',
    },
  );

export type ClientMetadataInput = z.output<typeof ClientMetadata>;
export type CheckedClientMetadata = ClientMetadataInput & { scopes: string[]; grantTypes: AppGrantType[] };

/** The rules of registration beyond the metadata's shape: redirect URIs, scopes, grant types. */
export function checkClientMetadata(m: ClientMetadataInput): CheckedClientMetadata {
  for (const uri of m.redirect_uris) {
    const problem = registrableRedirectUri(uri);
    if (problem)
      throw new OAuthError('invalid_redirect_uri', `${uri} ${problem}.`, {
        rule: 'registration.redirect_uri',
      });
  }
  const scopes = m.scope ? m.scope.split(' ').filter(Boolean) : Object.keys(SCOPES);
  for (const s of scopes)
    if (!Object.hasOwn(SCOPES, s))
      throw new OAuthError('invalid_client_metadata', `Unknown scope ${s}.`, { rule: 'registration.scope' });
  const grantTypes = [...new Set(m.grant_types)];
  const usable = grantTypes.includes('authorization_code') || grantTypes.includes('client_credentials');
  if (!usable) {
    throw new OAuthError(
      'invalid_client_metadata',
      'grant_types: refresh_token needs authorization_code; register authorization_code or client_credentials.',
      { rule: 'registration.grant_types' },
    );
  }
  // RFC 7591 §2.1: response_type code is the authorization_code grant's, and only its.
  if (m.response_types?.length && !grantTypes.includes('authorization_code')) {
    throw new OAuthError(
      'invalid_client_metadata',
      'response_types: code needs the authorization_code grant in grant_types.',
      { rule: 'registration.response_types' },
    );
  }
  return { ...m, scopes, grantTypes };
}
