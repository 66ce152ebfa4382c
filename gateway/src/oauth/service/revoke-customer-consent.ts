import { consentNow } from '../../consents/status';
import { commit } from '../../platform/commit';
import { revokeConsentStatements } from '../store/consents';
import type { OAuthContext } from './context';

/**
 * The customer revokes an app's access from their dashboard. Only their own consents; one that
 * already ended (revoked, expired, consumed) stays as it is.
 */
export async function revokeCustomerConsent({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { customerId: string; consentId: string };
}): Promise<{ found: boolean }> {
  const found = await consentNow(ctx.db, ctx.clock, input.consentId);
  const consent = found?.consent;
  if (!found || !consent || consent.customerId !== input.customerId) return { found: false };
  if (found.status === 'authorised') {
    const { statements, revoked } = revokeConsentStatements(
      ctx,
      consent,
      'customer',
      input.customerId,
      found.now,
    );
    const ended = await ctx.oauth.consentEndings.statementsFor(ctx, revoked, found.now);
    await commit(ctx, [...statements, ...ended], { status: 303, body: null });
  }
  return { found: true };
}
