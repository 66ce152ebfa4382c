import type { Context } from 'hono';
import type { BatchItem } from '../../../db/client';
import type { AutopayChoice } from '../../../db/schema';
import type { AppEnv } from '../../../env';
import type { AuthorizationDetail } from '../../../oauth/authorization-details';
import type { ClientApp } from '../../../oauth/clients';
import type { ConsentStep, ConsentSteps, StepPage } from '../../../oauth/consent-steps';
import type { PushedRequest } from '../../../oauth/store/par';
import type { Currency } from '../../../platform/money';
import {
  creditChecksExceeded,
  detailOf,
  orRefusalPage,
  principalOf,
  requestCountry,
  stepProps,
} from '../../loans';
import type { CreditDecision } from '../service/internal/decide';
import {
  decideOpeningFor,
  decisionForPage,
  existingOpeningDecision,
  type OpeningRequest,
  openingAccepted,
} from '../service/internal/opening-page';
import { statementDayOf } from '../service/internal/statement-day';
import { LineAgreementPage, LineDeclinedPage } from './line-pages';

const lineDetail = (details: AuthorizationDetail[]) => detailOf(details, 'credit_line');

function openingRequest(
  client: ClientApp,
  request: PushedRequest,
  customerId: string,
  parRequestId: string | null,
  country: string | null,
): OpeningRequest {
  const detail = lineDetail(request.authorization_details)!;
  return {
    app: principalOf(client),
    customerId,
    parRequestId,
    maxDraw: { amount: detail.max_draw_amount.amount, currency: detail.max_draw_amount.currency as Currency },
    jkt: request.dpop_jkt,
    country,
  };
}

/** The request's credit_line detail as the customer accepted it: their choices and the line's id. */
function accepted(
  request: PushedRequest,
  choice: { instantBoost: boolean; autopay: AutopayChoice; lineId: string },
) {
  const details = request.authorization_details.map((d) =>
    d.type === 'credit_line'
      ? { ...d, instant_boost: choice.instantBoost, autopay: choice.autopay, line_id: choice.lineId }
      : d,
  );
  return { ...request, authorization_details: details };
}

const declinedText = (decision: CreditDecision) =>
  `No credit line could be opened for the customer (${decision.reasons
    .filter((r) => ['credit_frozen', 'credit_risk', 'fraud_review', 'no_available_credit'].includes(r.code))
    .map((r) => r.code)
    .join(', ')}).`;

/** Decided once per authorization request and counted against the app's credit decisions. */
async function decided(c: Context<AppEnv>, page: StepPage): Promise<CreditDecision | Response> {
  const services = c.get('services');
  const deps = { db: services.db, clock: services.clock, ids: services.ids, requestId: c.get('requestId') };
  const { client, request, requestId } = page.flow;
  const input = openingRequest(
    client,
    request,
    page.customer.id,
    requestId,
    requestCountry((name) => c.req.header(name), client.mode),
  );
  const existing = await existingOpeningDecision(services.db, { ...input, parRequestId: requestId });
  if (existing) return existing;
  const limited = await creditChecksExceeded(c, page);
  if (limited) return limited;
  return orRefusalPage(c, 'A credit line is not available here', () =>
    decisionForPage(deps, { ...input, parRequestId: requestId }),
  );
}

async function render(c: Context<AppEnv>, page: StepPage): Promise<Response> {
  const decision = await decided(c, page);
  if (decision instanceof Response) return decision;
  const detail = lineDetail(page.flow.request.authorization_details)!;
  const common = { ...stepProps(c, page, 'credit_line'), maxDraw: detail.max_draw_amount };
  const status = page.error ? 400 : 200;
  if (decision.outcome === 'declined')
    return c.html(<LineDeclinedPage {...common} reasons={decision.reasons} />, status);
  const terms = {
    limit: decision.limitAmount,
    currency: decision.currency,
    apr: decision.aprTier ?? 0,
    statementDay: statementDayOf(decision.createdAt),
    instantBoostAsked: detail.instant_boost,
  };
  return c.html(<LineAgreementPage {...common} terms={terms} />, status);
}

/** The consent page of credit_line requests: the customer opens the line decided for them. */
export const creditLineStep: ConsentStep = {
  claims: (request) => lineDetail(request.authorization_details) !== undefined,
  render,
  async approve(ctx, page, form) {
    if (form.agree !== 'yes')
      return { kind: 'retry', error: 'Tick the box to agree to the credit line, or cancel.' };
    const { client, request, requestId } = page.flow;
    const decision = await existingOpeningDecision(ctx.db, {
      app: principalOf(client),
      customerId: page.customer.id,
      parRequestId: requestId,
    });
    if (decision?.outcome !== 'approved')
      return { kind: 'retry', error: 'No credit line can be opened for you on this request.' };
    const detail = lineDetail(request.authorization_details)!;
    // The customer can only turn the boost off: a request that did not ask for it never gets it.
    const instantBoost = detail.instant_boost && form.instant_boost === 'yes';
    const autopay: AutopayChoice = form.autopay === 'full' ? 'full' : 'minimum';
    const opening = await openingAccepted(ctx, {
      app: principalOf(client),
      customerId: page.customer.id,
      decision,
      instantBoost,
      autopay,
    });
    return {
      kind: 'approved',
      request: accepted(request, { instantBoost, autopay, lineId: opening.line.id }),
      withConsent: (consentId) => opening.statements(consentId),
    };
  },
  async denial(ctx, page) {
    const decision = await existingOpeningDecision(ctx.db, {
      app: principalOf(page.flow.client),
      customerId: page.customer.id,
      parRequestId: page.flow.requestId,
    });
    return decision?.outcome === 'declined' ? declinedText(decision) : null;
  },
  async shortcut(ctx, { client, request, customer }) {
    const decided = await decideOpeningFor(ctx, openingRequest(client, request, customer.id, null, null));
    if (decided.decision.outcome !== 'approved')
      return { kind: 'refused', reason: declinedText(decided.decision) };
    const detail = lineDetail(request.authorization_details)!;
    const choice = { instantBoost: detail.instant_boost, autopay: detail.autopay ?? ('minimum' as const) };
    const opening = await openingAccepted(ctx, {
      app: principalOf(client),
      customerId: customer.id,
      decision: decided.decision,
      ...choice,
    });
    return {
      kind: 'approved',
      request: accepted(request, { ...choice, lineId: opening.line.id }),
      withConsent: (consentId): BatchItem[] => [...decided.statements, ...opening.statements(consentId)],
    };
  },
};

/** Credit lines plug their opening page into the authorization server's consent page. */
export function registerCreditLineStep(steps: ConsentSteps): void {
  steps.register(creditLineStep);
}
