import type { Context } from 'hono';
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
import { requestCountry } from '../request-country';
import {
  attachConsentStatements,
  decideForPage,
  existingPageDecision,
  offerChosenOnPage,
  type PageDecision,
} from '../service/internal/checkout-page';
import { creditDecisionCheck } from '../service/internal/credit-decision-limit';
import {
  CheckoutAgreementPage,
  CheckoutDeclinedPage,
  CheckoutOffersPage,
  declineInWords,
  offerView,
} from './checkout-pages';

type CheckoutDetail = Extract<AuthorizationDetail, { type: 'checkout_credit' }>;

/** A checkout_credit request makes the consent page the hosted checkout. */
function checkoutDetail(details: AuthorizationDetail[]): CheckoutDetail | undefined {
  return details.find((d): d is CheckoutDetail => d.type === 'checkout_credit');
}

const principalOf = (client: ClientApp): AppPrincipal => ({
  id: client.id,
  mode: client.mode,
  sandboxId: client.sandboxId,
  merchantAccountId: client.merchantAccountId,
});

const pageOf = ({ flow, customer }: Omit<StepPage, 'csrf'>) => ({
  app: principalOf(flow.client),
  customerId: customer.id,
  parRequestId: flow.requestId,
});

/** The request's checkout_credit detail, now naming the offer the customer signed. */
function withOfferId(request: PushedRequest, offerId: string): PushedRequest {
  const details = request.authorization_details.map((d) =>
    d.type === 'checkout_credit' ? { ...d, offer_id: offerId } : d,
  );
  return { ...request, authorization_details: details };
}

/**
 * The order decided for the signed-in customer, once per authorization request and counted
 * against the app's credit decisions per customer; or the page saying why there is none.
 */
async function decidedOrder(c: Context<AppEnv>, page: StepPage): Promise<PageDecision | Response> {
  const services = c.get('services');
  const deps = { db: services.db, clock: services.clock, ids: services.ids, requestId: c.get('requestId') };
  const { client, request } = page.flow;
  const existing = await existingPageDecision(deps, pageOf(page));
  if (existing) return existing;
  const check = await creditDecisionCheck(services, client.id, page.customer.id);
  const limited = check ? await limitOnPage(c, () => enforceLimits(c, [check])) : null;
  if (limited) return limited;
  const detail = checkoutDetail(request.authorization_details)!;
  try {
    return await decideForPage(deps, {
      ...pageOf(page),
      order: {
        amount: detail.amount,
        currency: detail.currency as Currency,
        orderReference: detail.order_reference,
      },
      jkt: request.dpop_jkt,
      country: requestCountry((name) => c.req.header(name), client.mode),
    });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'invalid_request')
      return messagePage(c, 400, 'Credit is not available for this order', err.detail);
    throw err;
  }
}

/** Over the credit decisions limit, the customer gets a page saying when to try again. */
async function limitOnPage(c: Context<AppEnv>, check: () => Promise<unknown>): Promise<Response | null> {
  try {
    await check();
    return null;
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'rate_limited') throw err;
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return messagePage(
      c,
      429,
      'Too many credit checks',
      `Too many credit checks were made for you in the last hour. Wait ${err.headers?.['Retry-After'] ?? 60} seconds and try again from the app.`,
    );
  }
}

/** The hosted checkout: the offers, the chosen offer's agreement, or the reasons for a decline. */
async function renderCheckout(c: Context<AppEnv>, page: StepPage): Promise<Response> {
  const decided = await decidedOrder(c, page);
  if (decided instanceof Response) return decided;
  const { flow, customer } = page;
  const { client, request } = flow;
  const detail = checkoutDetail(request.authorization_details)!;
  const details = request.authorization_details;
  pageHeaders(c, request.redirect_uri);
  const common = {
    app: { name: client.name, logoUri: client.logoUri ?? undefined },
    customerName: customer.name,
    merchantName: client.merchantName,
    order: { reference: detail.order_reference, amount: detail.amount, currency: detail.currency },
    // Everything else the request asks for; the order itself is what the page is about.
    otherItems: describeAccess({
      appName: client.name,
      merchantName: client.merchantName,
      scopes: request.scopes,
      details,
    }).filter((_, i) => details[i]?.type !== 'checkout_credit'),
    decisionAction: '/oauth/authorize/decision',
    csrf: page.csrf,
    hidden: flow.hidden,
    error: page.error,
  };
  const status = page.error ? 400 : 200;
  if (decided.decision.outcome === 'declined') {
    const { reasons, factors } = declineInWords(decided.decision.reasons);
    return c.html(<CheckoutDeclinedPage {...common} reasons={reasons} factors={factors} />, status);
  }
  const offers = decided.offers.map(offerView);
  const chosen = offers.find((o) => o.id === page.choice);
  if (chosen) {
    const back = `/oauth/authorize?${new URLSearchParams(flow.hidden)}`;
    return c.html(<CheckoutAgreementPage {...common} offer={chosen} backHref={back} />, status);
  }
  return c.html(
    <CheckoutOffersPage {...common} offers={offers} chooseAction="/oauth/authorize/offer" />,
    status,
  );
}

/** The consent page of checkout_credit requests: the customer signs one offer of the order's decision. */
export const checkoutStep: ConsentStep = {
  claims: (request) => checkoutDetail(request.authorization_details) !== undefined,
  render: renderCheckout,
  async approve(ctx, page, form) {
    // The customer signs one offer of this request's decision, with the box ticked.
    if (form.agree !== 'yes')
      return { kind: 'retry', error: 'Tick the box to agree to the loan, or cancel.', choice: form.offer };
    const signed = await offerChosenOnPage(ctx, { ...pageOf(page), offerId: form.offer });
    if (!signed) return { kind: 'retry', error: 'That offer is no longer available: choose a plan again.' };
    return {
      kind: 'approved',
      request: withOfferId(page.flow.request, signed.offer.id),
      withConsent: (consentId) => attachConsentStatements(ctx.db, signed.decision.id, consentId),
    };
  },
  async denial(ctx, page) {
    const decided = await existingPageDecision(ctx, pageOf(page));
    return decided?.decision.outcome === 'declined'
      ? 'No credit could be offered to the customer for this order.'
      : null;
  },
};

/** Loans plugs the hosted checkout into the authorization server's consent page. */
export function registerCheckoutStep(steps: ConsentSteps): void {
  steps.register(checkoutStep);
}
