import { commit } from '../../platform/commit';
import { type CustomerSession, endSessionStatement } from '../store/sessions';
import type { OAuthContext } from './context';

/** Signing out ends the session server-side: its id names nothing afterwards, whoever holds it. */
export async function signOutCustomer({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { session: CustomerSession };
}): Promise<void> {
  await commit(ctx, [endSessionStatement(ctx.db, input.session)], { status: 303, body: null });
}
