import { businessClock } from '../../platform/sandbox-clock';
import { isOneOff } from '../authorization-details';
import type { AuthorizationFlow, ConsentStep } from '../consent-steps';
import { consentExpiry } from '../grant-consent';
import type { Customer } from '../store/customers';
import type { CustomerSession } from '../store/sessions';
import type { OAuthContext } from './context';
import { sessionCustomer } from './internal/authorization-flow';

export type AuthorizationStep =
  | { step: 'login' }
  | { step: 'otp' }
  /** A product's step (the hosted checkout) takes over the consent page. */
  | { step: 'product'; customer: Customer; consentStep: ConsentStep }
  | { step: 'consent'; customer: Customer; oneOff: boolean; expiresAt: Date | null };

/** Where the customer is in the flow: signing in, the one-time code, or the consent. */
export async function nextAuthorizationStep({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { flow: AuthorizationFlow; session: CustomerSession };
}): Promise<AuthorizationStep> {
  const { flow, session } = input;
  const customer = await sessionCustomer(ctx.db, session, flow.client);
  if (!customer) return { step: 'login' };
  if (!session.secondFactorAt) return { step: 'otp' };
  const consentStep = ctx.oauth.consentSteps.for(flow.request);
  if (consentStep) return { step: 'product', customer, consentStep };
  const details = flow.request.authorization_details;
  const oneOff = details.length > 0 && details.every(isOneOff);
  // The date the consent will carry: business time (the sandbox's clock), as decideConsent writes.
  const now = (await businessClock({ db: ctx.db, clock: ctx.clock, app: flow.client })).now();
  return { step: 'consent', customer, oneOff, expiresAt: consentExpiry(now, flow.request) };
}
