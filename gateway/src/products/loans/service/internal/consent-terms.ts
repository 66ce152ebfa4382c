import {
  CheckoutCreditDetail,
  CreditLineDetail,
  CreditScoreDetail,
} from '../../../../oauth/authorization-details';
import { type Consent, findConsent } from '../../../../oauth/store/consents';
import type { ServiceContext } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';
import type { Money } from '../../../../platform/money';

/** What a consent lets the app do with the customer's credit. */
export type CreditTerms =
  | {
      kind: 'checkout_credit';
      amount: Money;
      orderReference: string;
      /** The offer the customer picked and signed on the consent page (hosted flow). */
      offerId: string | null;
    }
  | { kind: 'credit_line'; maxDraw: Money };

export function creditTerms(consent: Consent): CreditTerms | null {
  for (const raw of consent.authorizationDetails) {
    const checkout = CheckoutCreditDetail.safeParse(raw);
    if (checkout.success) {
      const d = checkout.data;
      return {
        kind: 'checkout_credit',
        amount: { amount: d.amount, currency: d.currency as Money['currency'] },
        orderReference: d.order_reference,
        offerId: d.offer_id ?? null,
      };
    }
    const line = CreditLineDetail.safeParse(raw);
    if (line.success) return { kind: 'credit_line', maxDraw: line.data.max_draw_amount as Money };
  }
  return null;
}

export type CheckoutTerms = Extract<CreditTerms, { kind: 'checkout_credit' }>;

/**
 * The consent's checkout_credit terms, for loan offers and loans. A credit_line consent draws on
 * its line instead (POST /v1/credit-lines/{id}/draws): its purchases are draws decided in the
 * request, never loans of their own.
 */
export function checkoutTermsOf(consent: Consent, operation: string): CheckoutTerms {
  const terms = creditTerms(consent);
  if (terms?.kind === 'checkout_credit') return terms;
  throw new ApiError('forbidden', {
    detail:
      terms?.kind === 'credit_line'
        ? `${operation} need a checkout_credit consent. Under a credit_line consent, pay for the purchase with a draw on the customer’s line: POST /v1/credit-lines/{id}/draws (the line’s id is the consent’s authorization_details[].line_id, or GET /v1/credit-lines).`
        : `${operation} need an access token issued under the customer’s checkout_credit consent.`,
  });
}

/** The credit_score detail's purpose, when the consent has one. */
export function creditScorePurpose(consent: Consent): string | null {
  for (const raw of consent.authorizationDetails) {
    const parsed = CreditScoreDetail.safeParse(raw);
    if (parsed.success) return parsed.data.purpose;
  }
  return null;
}

/**
 * How much of the customer's credit file the consent lets the app see: `band` (the band only),
 * `full`, or null without a credit_score detail. When a consent holds both, `band` wins.
 */
export function creditScoreDetail(consent: Consent): 'band' | 'full' | null {
  let level: 'band' | 'full' | null = null;
  for (const raw of consent.authorizationDetails) {
    const parsed = CreditScoreDetail.safeParse(raw);
    if (parsed.success && level !== 'band') level = parsed.data.detail;
  }
  return level;
}

export interface ConsentedCustomer {
  consent: Consent;
  customerId: string;
  app: NonNullable<ServiceContext['app']>;
}

/** The token's consent, its customer and app: a credit operation always acts for one customer. */
export async function consentedCustomer(ctx: ServiceContext, need: string): Promise<ConsentedCustomer> {
  if (!ctx.app) throw new ApiError('unauthorized');
  const consent = ctx.consent ? await findConsent(ctx.db, ctx.consent.id) : null;
  if (!consent?.customerId || consent.appId !== ctx.app.id)
    throw new ApiError('forbidden', {
      detail: `This operation acts for a customer: use an access token issued under the customer’s ${need} consent.`,
    });
  return { consent, customerId: consent.customerId, app: ctx.app };
}
