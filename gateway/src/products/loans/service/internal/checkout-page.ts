import { and, desc, eq } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../../db/client';
import { creditDecisions, loanOffers } from '../../../../db/schema';
import type { Clock } from '../../../../platform/clock';
import type { AppPrincipal } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';
import type { Currency } from '../../../../platform/money';
import { businessClock } from '../../../../platform/sandbox-clock';
import { type DecisionDeps, decideCheckout, decidingApp } from '../decide-checkout';
import type { CreditDecision, LoanOffer } from './objects';

/**
 * The hosted checkout flow's side of the consent page: the decision is made for the signed-in
 * customer when the page first shows the order, then kept for that authorization request, so
 * every render (and the final approval) sees the same offers.
 */

export type PageApp = AppPrincipal;

export interface PageOrder {
  amount: number;
  currency: Currency;
  orderReference: string;
}

export interface PageDecision {
  decision: CreditDecision;
  offers: LoanOffer[];
}

export type ChosenOffer = PageDecision & { offer: LoanOffer };

/** The decision already made for this authorization request and customer, if its offers stand. */
export async function existingPageDecision(
  deps: { db: Database; clock: Clock },
  input: { app: PageApp; customerId: string; parRequestId: string },
): Promise<PageDecision | null> {
  const [decision] = await deps.db
    .select()
    .from(creditDecisions)
    .where(
      and(
        eq(creditDecisions.parRequestId, input.parRequestId),
        eq(creditDecisions.customerId, input.customerId),
        eq(creditDecisions.appId, input.app.id),
      ),
    )
    .orderBy(desc(creditDecisions.createdAt))
    .limit(1);
  if (!decision) return null;
  const now = (await businessClock({ ...deps, app: input.app })).now();
  // Offers past their 10 minutes (a sandbox clock moved mid-flow) are decided afresh.
  if (decision.expiresAt && decision.expiresAt.getTime() <= now.getTime()) return null;
  const offers = await deps.db.select().from(loanOffers).where(eq(loanOffers.decisionId, decision.id));
  return { decision, offers: offers.sort((a, b) => planOrder(a) - planOrder(b)) };
}

/** Decides the order for the customer now (channel `consent_page`) and stores the decision. */
export async function decideForPage(
  deps: DecisionDeps,
  input: {
    app: PageApp;
    customerId: string;
    order: PageOrder;
    parRequestId: string;
    jkt: string | null;
    country: string | null;
  },
): Promise<PageDecision> {
  const app = await decidingApp(deps.db, input.app);
  if (app.settlementCurrency !== input.order.currency)
    throw new ApiError('invalid_request', {
      detail: `${app.name} cannot take credit payments in ${input.order.currency}. Go back to ${app.name} and choose another way to pay.`,
    });
  const decided = await decideCheckout(deps, {
    kind: 'loan_offer',
    channel: 'consent_page',
    app,
    customerId: input.customerId,
    consentId: null,
    parRequestId: input.parRequestId,
    amount: input.order.amount,
    currency: input.order.currency,
    orderReference: input.order.orderReference,
    jkt: input.jkt,
    requestCountry: input.country,
    purpose: 'checkout_credit',
  });
  await deps.db.batch(decided.statements as [BatchItem, ...BatchItem[]]);
  return { decision: decided.record, offers: decided.offers };
}

/** The offer the customer picked, if it belongs to this request's approved decision and stands; else null. */
export async function offerChosenOnPage(
  deps: { db: Database; clock: Clock },
  input: { app: PageApp; customerId: string; parRequestId: string; offerId: string | undefined },
): Promise<ChosenOffer | null> {
  const found = input.offerId ? await existingPageDecision(deps, input) : null;
  const offer = found?.offers.find((o) => o.id === input.offerId);
  if (!found || !offer || found.decision.outcome !== 'approved') return null;
  return { ...found, offer };
}

/** On approval: the decision and its offers now belong to the consent the customer gave. */
export function attachConsentStatements(db: Database, decisionId: string, consentId: string): BatchItem[] {
  return [
    db.update(creditDecisions).set({ consentId }).where(eq(creditDecisions.id, decisionId)),
    db.update(loanOffers).set({ consentId }).where(eq(loanOffers.decisionId, decisionId)),
  ];
}

const PLAN_ORDER = ['pay_in_4', 'installments_3', 'installments_6', 'installments_12'];
const planOrder = (o: LoanOffer) => PLAN_ORDER.indexOf(o.plan);
