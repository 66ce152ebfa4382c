import { newRouter } from '../../platform/http';
import { registerCreateLoan } from './routes/create-loan';
import { registerCreateLoanOffers } from './routes/create-loan-offers';
import { registerCreateLoanRefund } from './routes/create-loan-refund';
import { registerCreateLoanRepayment } from './routes/create-loan-repayment';
import { registerCreatePrequalification } from './routes/create-prequalification';
import { registerGetLoan } from './routes/get-loan';
import { registerListLoans } from './routes/list-loans';

export { registerCheckoutStep } from './consent-step/checkout-step';
/** Credit lines' consent step is built from the same pieces as the hosted checkout. */
export {
  creditChecksExceeded,
  detailOf,
  orRefusalPage,
  principalOf,
  stepProps,
} from './consent-step/credit-step';
export {
  AgreeOrCancel,
  aprText,
  CreditDeclinedPage,
  type CreditStepProps,
  declineInWords,
  moneyText,
  OtherAccess,
  StepHeader,
} from './consent-step/credit-step-pages';
export {
  decideLimitOffer,
  LIMIT_OFFER_POLICY,
  type LimitOfferOutcome,
  nextOfferAllowedAt,
  offeredLimit,
} from './decision/limit-offer';
/** Credit lines decide with this engine and these records (DOMAIN.md "Credit decisions"). */
export { decideDraw, decideLineOpening, type LineReason } from './decision/line';
export { assessRisk } from './decision/risk';
export { strategyFor } from './decision/strategy';
export { requestCountry } from './request-country';
export { limitCreditDecisions } from './routes/limit-credit-decisions';
export { requestOrigin } from './routes/origin';
export {
  type CollectionDeps,
  type CollectionResult,
  collectDueInstallments,
} from './service/collect-due-installments';
export { type DecidingApp, decidingApp } from './service/decide-checkout';
export { isOpenIn, openDepositOf } from './service/internal/accounts';
export { creditDecisionCheck } from './service/internal/credit-decision-limit';
export {
  type Applicant,
  loadApplicant,
  platformCredit,
  platformCreditReads,
} from './service/internal/credit-profile';
export { riskInputFor, riskReads } from './service/internal/risk-context';

/** Checkout credit (prequalification, offers) and loans (origination, repayments, refunds). */
export function loansRouter() {
  const app = newRouter();
  registerCreatePrequalification(app);
  registerCreateLoanOffers(app);
  registerCreateLoan(app);
  registerListLoans(app);
  registerGetLoan(app);
  registerCreateLoanRepayment(app);
  registerCreateLoanRefund(app);
  return app;
}
/** The objects loan events carry (webhook-endpoints builds example payloads from them). */
export { LoanInstallmentSchema, LoanSchema } from './schemas';
