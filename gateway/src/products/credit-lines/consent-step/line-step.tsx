import type { Context } from 'hono';
import type { BatchItem } from '../../../db/client';
import type { AutopayChoice } from '../../../db/schema';
import type { AppEnv } from '../../../env';
import type { AuthorizationDetail } from '../../../oauth/authorization-details';
import { messagePage, pageHeaders } from '../../../oauth/browser';
import type { ClientApp } from '../../../oauth/clients';
import type { ConsentStep, ConsentSteps, StepPage } from '../../../oauth/consent-steps';
import { describeAccess } from '../../../oauth/pages/describe';
import type { PushedRequest } from '../../../oauth/store/par';
import type { AppPrincipal } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { Currency } from '../../../platform/money';
import { enforceLimits } from '../../../platform/rate-limit/enforce';
import { creditDecisionCheck, requestCountry } from '../../loans';
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

type LineDetail = Extract<AuthorizationDetail, { type: 'credit_line' }>;

function lineDetail(details: AuthorizationDetail[]): LineDetail | undefined {
  return details.find((d): d is LineDetail => d.type === 'credit_line');
}

const principalOf = (client: ClientApp): AppPrincipal => ({
  id: client.id,
  mode: client.mode,
  sandboxId: client.sandboxId,
  merchantAccountId: client.merchantAccountId,
});

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
  const check = await creditDecisionCheck(services, client.id, page.customer.id);
  try {
    if (check) await enforceLimits(c, [check]);
    return await decisionForPage(deps, { ...input, parRequestId: requestId });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'rate_limited') {
      for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
      return messagePage(
        c,
        429,
        'Too many credit checks',
        'Too many credit checks were made for you in the last hour. Try again later from the app.',
      );
    }
    if (err instanceof ApiError && err.code === 'invalid_request')
      return messagePage(c, 400, 'A credit line is not available here', err.detail);
    throw err;
  }
}

async function render(c: Context<AppEnv>, page: StepPage): Promise<Response> {
  const decision = await decided(c, page);
  if (decision instanceof Response) return decision;
  const { flow, customer } = page;
  const { client, request } = flow;
  const detail = lineDetail(request.authorization_details)!;
  const details = request.authorization_details;
  pageHeaders(c, request.redirect_uri);
  const common = {
    app: { name: client.name, logoUri: client.logoUri ?? undefined },
    customerName: customer.name,
    merchantName: client.merchantName,
    maxDraw: detail.max_draw_amount,
    otherItems: describeAccess({
      appName: client.name,
      merchantName: client.merchantName,
      scopes: request.scopes,
      details,
    }).filter((_, i) => details[i]?.type !== 'credit_line'),
    decisionAction: '/oauth/authorize/decision',
    csrf: page.csrf,
    hidden: flow.hidden,
    error: page.error,
  };
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
