import type { z } from '@hono/zod-openapi';
import type { BatchItem } from '../../../db/client';
import { parseAuthorizationDetails } from '../../../oauth/checks/authorization-details-param';
import { checkCodeChallenge } from '../../../oauth/checks/pkce';
import { checkRedirectUri } from '../../../oauth/checks/redirect-uri';
import { checkScopes } from '../../../oauth/checks/scope';
import { findClient } from '../../../oauth/clients';
import type { OAuthServices } from '../../../oauth/context';
import { OAuthError } from '../../../oauth/errors';
import { decideConsent } from '../../../oauth/grant-consent';
import { CODE_TTL_MS } from '../../../oauth/store/codes';
import { findCustomerByLogin } from '../../../oauth/store/customers';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { CreateSandboxAuthorizationBody } from '../schemas';

/**
 * Like Plaid's /sandbox/public_token/create: a code as if the sandbox customer had approved the
 * consent page. It goes through the same rules as PAR (redirect URI, PKCE, scopes, details) and is
 * still redeemed at the token endpoint with PKCE and DPoP. Live apps are refused.
 */
export async function createSandboxAuthorization({
  ctx,
  input,
  oauth,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreateSandboxAuthorizationBody>;
  oauth: OAuthServices;
}) {
  const client = ctx.app ? await findClient(ctx.db, ctx.app.id) : null;
  if (!client) throw new ApiError('unauthorized');
  if (client.mode !== 'sandbox')
    throw new ApiError('forbidden', {
      detail: 'The sandbox shortcut is for sandbox apps only; live customers consent on the bank’s pages.',
    });
  try {
    const details = input.authorization_details
      ? parseAuthorizationDetails(JSON.stringify(input.authorization_details))
      : [];
    const request = {
      client_id: client.id,
      redirect_uri: checkRedirectUri(input.redirect_uri, client.redirectUris),
      scopes: checkScopes(input.scope ?? null, details, client.scopes),
      authorization_details: details,
      state: null,
      code_challenge: checkCodeChallenge(input.code_challenge, input.code_challenge_method),
      dpop_jkt: input.dpop_jkt ?? null,
    };
    const customer = await findCustomerByLogin(ctx.db, client, input.customer);
    if (!customer)
      throw new ApiError('invalid_request', {
        errors: [
          { path: 'customer', message: `No sandbox customer ${input.customer} in this app's sandbox.` },
        ],
      });
    // A product's consent step approves as its page would (a credit line opens); or the customer
    // could not have approved, and the shortcut says why.
    const step = oauth.consentSteps.for(request)?.shortcut;
    const approval = step ? await step({ ...ctx, oauth }, { client, request, customer }) : null;
    if (approval?.kind === 'refused') throw new ApiError('forbidden', { detail: approval.reason });
    if (approval?.kind === 'retry') throw new ApiError('invalid_request', { detail: approval.error });
    const decided = await decideConsent(ctx, {
      client,
      customerId: customer.id,
      request: approval?.request ?? request,
      approve: true,
      via: 'sandbox_shortcut',
    });
    const withConsent = approval ? approval.withConsent(decided.consent.id) : [];
    await ctx.db.batch([...decided.statements, ...withConsent] as [BatchItem, ...BatchItem[]]);
    return {
      object: 'sandbox_authorization' as const,
      code: decided.code!,
      consent_id: decided.consent.id,
      redirect_uri: request.redirect_uri,
      iss: oauth.issuer,
      expires_in: CODE_TTL_MS / 1000,
    };
  } catch (err) {
    if (err instanceof OAuthError) {
      throw new ApiError('invalid_request', {
        detail: err.description,
        errors: [{ path: err.rule, message: err.description }],
      });
    }
    throw err;
  }
}
