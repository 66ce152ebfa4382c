import type { Context } from 'hono';
import type { AppEnv } from '../../../env';
import type { AuthorizationDetail } from '../../../oauth/authorization-details';
import type { ConsentStep, ConsentSteps, StepPage } from '../../../oauth/consent-steps';
import type { PushedRequest } from '../../../oauth/store/par';
import type { Currency } from '../../../platform/money';
import { requestCountry } from '../request-country';
import {
  attachConsentStatements,
  decideForPage,
  existingPageDecision,
  offerChosenOnPage,
  type PageDecision,
} from '../service/internal/checkout-page';
import { CheckoutAgreementPage, CheckoutDeclinedPage, CheckoutOffersPage, offerView } from './checkout-pages';
import { creditChecksExceeded, detailOf, orRefusalPage, principalOf, stepProps } from './credit-step';
import { declineInWords } from './credit-step-pages';

/** A checkout_credit request makes the consent page the hosted checkout. */
const checkoutDetail = (details: AuthorizationDetail[]) => detailOf(details, 'checkout_credit');

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
  const limited = await creditChecksExceeded(c, page);
  if (limited) return limited;
  const detail = checkoutDetail(request.authorization_details)!;
  return orRefusalPage(c, 'Credit is not available for this order', () =>
    decideForPage(deps, {
      ...pageOf(page),
      order: {
        amount: detail.amount,
        currency: detail.currency as Currency,
        orderReference: detail.order_reference,
      },
      jkt: request.dpop_jkt,
      country: requestCountry((name) => c.req.header(name), client.mode),
    }),
  );
}

/** The hosted checkout: the offers, the chosen offer's agreement, or the reasons for a decline. */
async function renderCheckout(c: Context<AppEnv>, page: StepPage): Promise<Response> {
  const decided = await decidedOrder(c, page);
  if (decided instanceof Response) return decided;
  const { flow } = page;
  const detail = checkoutDetail(flow.request.authorization_details)!;
  const common = {
    ...stepProps(c, page, 'checkout_credit'),
    order: { reference: detail.order_reference, amount: detail.amount, currency: detail.currency },
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
