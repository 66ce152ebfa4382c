import type { BatchItem } from '../../db/client';
import { commit } from '../../platform/commit';
import type { AuthorizationFlow } from '../consent-steps';
import { decideConsent } from '../grant-consent';
import type { Customer } from '../store/customers';
import { usePushedRequestStatement } from '../store/par';
import type { OAuthContext } from './context';

export type AuthorizationDecision =
  | { kind: 'redirect'; to: string }
  /** The consent page's step wants its page shown again, saying why. */
  | { kind: 'retry'; error: string; choice?: string | undefined };

/**
 * The customer's answer on the consent page, in one batch: the consent (authorised or rejected)
 * with its audit row, the code when approved, whatever a product's step writes with the consent,
 * and the request_uri used up, so it yields one code at most. The answer goes back to the
 * partner's redirect URI (RFC 9207: with iss).
 */
export async function decideAuthorization({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { flow: AuthorizationFlow; customer: Customer; approve: boolean; form: Record<string, string> };
}): Promise<AuthorizationDecision> {
  const { flow, customer, approve } = input;
  const step = ctx.oauth.consentSteps.for(flow.request);
  const page = { flow, customer };
  let request = flow.request;
  let withConsent = (_consentId: string): BatchItem[] => [];
  let denial: string | null = null;
  if (step && approve) {
    const approval = await step.approve(ctx, page, input.form);
    if (approval.kind === 'retry') return approval;
    ({ request, withConsent } = approval);
  } else if (step) {
    denial = await step.denial(ctx, page);
  }
  const decided = await decideConsent(ctx, {
    client: flow.client,
    customerId: customer.id,
    request,
    approve,
    via: 'consent_page',
  });
  const statements = [
    ...decided.statements,
    ...(decided.code ? withConsent(decided.consent.id) : []),
    usePushedRequestStatement(ctx.db, ctx.clock, flow.requestId),
  ];
  await commit(ctx, statements, { status: 303, body: null });
  const params: Record<string, string> = decided.code
    ? { code: decided.code }
    : { error: 'access_denied', error_description: denial ?? 'The customer denied the request.' };
  return { kind: 'redirect', to: redirectWith(flow, ctx.oauth.issuer, params) };
}

function redirectWith(flow: AuthorizationFlow, issuer: string, params: Record<string, string>): string {
  const url = new URL(flow.request.redirect_uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (flow.request.state !== null) url.searchParams.set('state', flow.request.state);
  url.searchParams.set('iss', issuer);
  return url.toString();
}
