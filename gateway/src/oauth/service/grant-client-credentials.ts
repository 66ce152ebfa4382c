import { commit, type ServiceResponse } from '../../platform/commit';
import { APP_LEVEL_SCOPES } from '../checks/scope';
import { OAuthError } from '../errors';
import { grantStatement } from '../store/grants';
import type { OAuthContext } from './context';
import { dpopKey, newGrant, type TokenAnswer, type TokenRequest, tokenAnswer } from './internal/token-answer';

/** The client_credentials grant: the app's own access, app-level scopes only. */
export async function grantClientCredentials({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: TokenRequest;
}): Promise<ServiceResponse<TokenAnswer>> {
  const allowed = input.client.scopes.filter((s) => APP_LEVEL_SCOPES.includes(s));
  const requested = input.params.get('scope')?.split(' ').filter(Boolean) ?? allowed;
  for (const s of requested) {
    if (!allowed.includes(s))
      throw new OAuthError('invalid_scope', `${s} cannot be granted with client credentials.`, {
        rule: 'client_credentials.scope',
      });
  }
  const jkt = await dpopKey(ctx, input, null);
  const grant = newGrant(ctx, {
    appId: input.client.id,
    customerId: null,
    consentId: null,
    scopes: requested,
    dpopJkt: jkt,
  });
  const body = await tokenAnswer(ctx, grant, {});
  return commit(ctx, [grantStatement(ctx.db, grant)], { status: 200, body });
}
