import type { z } from '@hono/zod-openapi';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { type Money, toMajorString } from '../../../platform/money';
import type { CreateLoanOffersBody } from '../schemas';
import { decideCheckout, decidingApp } from './decide-checkout';
import {
  type CheckoutTerms,
  checkoutTermsOf,
  consentedCustomer,
  creditScoreDetail,
} from './internal/consent-terms';
import { visibleReasons } from './internal/minimize';
import { type LoanOfferSetObject, offerSetObject } from './internal/objects';

/** Where the request came from: its DPoP key (the device) and its country, if known. */
export interface RequestOrigin {
  jkt: string | null;
  country: string | null;
}

const show = (m: Money) => `${toMajorString(m.amount, m.currency)} ${m.currency}`;

/**
 * A checkout credit application through the API (DOMAIN.md "Credit decisions"): decided now, for
 * the consenting customer, and stored with its inputs; an approval carries one offer per
 * affordable plan, each valid 10 minutes. A decline is answered 201 too, with its reasons: check
 * `decision`. The decision, offers, soft inquiry, device sighting, audit row and idempotency
 * record are one batch.
 */
export async function createLoanOffers({
  ctx,
  input,
  origin,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreateLoanOffersBody>;
  origin: RequestOrigin;
}): Promise<ServiceResponse<LoanOfferSetObject>> {
  if (!ctx.app) throw new ApiError('unauthorized');
  // The consent and the app's merchant account are read together (one round trip each on D1).
  const [{ consent, customerId }, deciding] = await Promise.all([
    consentedCustomer(ctx, 'checkout_credit'),
    decidingApp(ctx.db, ctx.app),
  ]);
  const terms = checkoutTermsOf(consent, 'Loan offers');
  const amount = input.amount as Money;
  checkConsentFit(terms, amount, input.order_reference);
  if (deciding.settlementCurrency !== amount.currency)
    throw new ApiError('invalid_request', {
      detail: deciding.settlementCurrency
        ? `Loans pay your merchant account, which settles in ${deciding.settlementCurrency}; ask in that currency.`
        : 'Your merchant account is closed: no loan can pay into it.',
      errors: [{ path: 'amount.currency', message: `Must be ${deciding.settlementCurrency ?? 'payable'}.` }],
    });
  const decided = await decideCheckout(ctx, {
    kind: 'loan_offer',
    channel: 'api',
    app: deciding,
    customerId,
    consentId: consent.id,
    parRequestId: null,
    amount: amount.amount,
    currency: amount.currency,
    orderReference: input.order_reference,
    lineItems: input.line_items ?? null,
    jkt: origin.jkt,
    requestCountry: input.risk_context?.country?.toUpperCase() ?? origin.country,
    purpose: 'checkout_credit',
  });
  const body = offerSetObject(decided.record, decided.offers);
  // A band consent beside the checkout_credit one: the decision without the scorecard's factors.
  body.reasons = visibleReasons(body.reasons, creditScoreDetail(consent));
  return commit(ctx, decided.statements, { status: 201, body });
}

/** The application must fit the consent: its currency, at most its amount, its order. */
function checkConsentFit(terms: CheckoutTerms, amount: Money, orderReference: string): void {
  const cap = terms.amount;
  if (amount.currency !== cap.currency)
    throw new ApiError('invalid_request', {
      detail: `The consent is for credit in ${cap.currency}.`,
      errors: [{ path: 'amount.currency', message: `Must be ${cap.currency}, the consent’s currency.` }],
    });
  if (amount.amount > cap.amount)
    throw new ApiError('invalid_request', {
      detail: `The customer consented to credit of at most ${show(cap)}.`,
      errors: [{ path: 'amount.amount', message: `Must be at most ${cap.amount}.` }],
    });
  if (orderReference !== terms.orderReference)
    throw new ApiError('invalid_request', {
      detail: `The consent is for order ${terms.orderReference}.`,
      errors: [{ path: 'order_reference', message: `Must be ${terms.orderReference}.` }],
    });
}
