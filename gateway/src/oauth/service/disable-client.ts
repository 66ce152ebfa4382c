import { commit, type ServiceResponse } from '../../platform/commit';
import type { ClientApp } from '../clients';
import { updateClientStatement } from '../store/registration';
import type { OAuthContext } from './context';

/** RFC 7592 §2.3: the client is deregistered; it authenticates no more, its history stays. */
export function disableClient({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { client: ClientApp };
}): Promise<ServiceResponse<null>> {
  const disable = updateClientStatement(ctx.db, input.client.id, { status: 'disabled' });
  return commit(ctx, [disable], { status: 204, body: null });
}
