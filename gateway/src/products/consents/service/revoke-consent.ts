import { consentVisibleTo, isActive } from '../../../consents/lifecycle';
import type { ConsentEndings } from '../../../oauth/consent-steps';
import {
  type ConsentObject,
  consentObject,
  findConsent,
  revokeConsentStatements,
} from '../../../oauth/store/consents';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { businessClock } from '../../../platform/sandbox-clock';

/**
 * The partner gives up a consent: an app token any of its app's, a customer token its own only
 * (another customer's is 404). Idempotent: revoking a consent that is no longer active (revoked,
 * consumed, expired) returns it unchanged.
 */
export async function revokeConsent({
  ctx,
  input,
  endings,
}: {
  ctx: ServiceContext;
  input: { id: string };
  /** What products write when a consent ends (a credit line closes). */
  endings: ConsentEndings;
}): Promise<ConsentObject> {
  const consent = await findConsent(ctx.db, input.id);
  if (!consent || !ctx.app || !consentVisibleTo(consent, ctx))
    throw new ApiError('not_found', { detail: `No consent ${input.id} for this token.` });
  const now = (await businessClock(ctx)).now();
  if (!isActive(consent, now)) return consentObject(consent, now);
  const { statements, revoked } = revokeConsentStatements(ctx, consent, 'partner', ctx.app.id, now);
  const body = consentObject(revoked, now);
  const ended = await endings.statementsFor(ctx, revoked, now);
  await commit(ctx, [...statements, ...ended], { status: 200, body });
  return body;
}
