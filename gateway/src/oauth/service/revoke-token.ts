import type { BatchItem } from '../../db/client';
import { commit, type ServiceResponse } from '../../platform/commit';
import type { ClientApp } from '../clients';
import { OAuthError } from '../errors';
import { findRefreshToken, revokeAccessTokenStatement, revokeGrantStatements } from '../store/grants';
import type { OAuthContext } from './context';
import { accessTokenClaims } from './internal/access-token-claims';

/** RFC 7009 §2.1: the server verifies the token was issued to the client asking to revoke it. */
const notYours = () =>
  new OAuthError(
    'unauthorized_client',
    'This token was issued to another client; only that client may revoke it.',
    {
      rule: 'revoke.other_client',
    },
  );

/**
 * RFC 7009: done for a well-formed request whether or not the token was known (an unknown token
 * tells the client nothing), but another client's token is refused and left alone. A refresh
 * token takes its whole grant with it.
 */
export async function revokeToken({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { client: ClientApp; token: string | null };
}): Promise<ServiceResponse<null>> {
  const { db, clock } = ctx;
  if (!input.token) throw new OAuthError('invalid_request', 'token is required.', { rule: 'revoke.token' });
  const writes: BatchItem[] = [];
  const refresh = await findRefreshToken(db, input.token);
  if (refresh) {
    if (refresh.grant.appId !== input.client.id) throw notYours();
    writes.push(...revokeGrantStatements(db, clock, refresh.grant.id, 'revoked_by_client'));
  } else {
    const claims = await accessTokenClaims(ctx.oauth, input.token);
    if (claims && claims.client_id !== input.client.id) throw notYours();
    if (claims) writes.push(revokeAccessTokenStatement(db, claims.jti, new Date(claims.exp * 1000)));
  }
  return commit(ctx, writes, { status: 200, body: null });
}
