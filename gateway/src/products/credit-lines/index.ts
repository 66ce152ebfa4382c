import type { ConsentEndings } from '../../oauth/consent-steps';
import { newRouter } from '../../platform/http';
import { registerCreditLineAccountPages } from './account/line-account-routes';
import { registerCreateCreditLinePayment } from './routes/create-credit-line-payment';
import { registerCreateDraw } from './routes/create-draw';
import { registerCreateDrawRefund } from './routes/create-draw-refund';
import { registerGetCreditLine } from './routes/get-credit-line';
import { registerGetCreditLineStatement } from './routes/get-credit-line-statement';
import { registerGetDraw } from './routes/get-draw';
import { registerLimitOfferPage } from './routes/limit-offer-page';
import { registerListCreditLinePayments } from './routes/list-credit-line-payments';
import { registerListCreditLineStatements } from './routes/list-credit-line-statements';
import { registerListCreditLines } from './routes/list-credit-lines';
import { registerListDraws } from './routes/list-draws';
import { registerListLimitOffers } from './routes/list-limit-offers';
import { closeLinesOfConsent } from './service/close-lines-of-consent';

export { registerCreditLineStep } from './consent-step/line-step';
/** The objects credit-line events carry (webhook-endpoints builds example payloads from them). */
export {
  LimitOfferSchema,
  TakeUpQuery as LimitOfferTakeUpQuery,
  TakeUpSchema as LimitOfferTakeUpSchema,
} from './offer-schemas';
export { CreditLineDrawSchema, CreditLineSchema } from './schemas';
/** The limit-offer job (expiry, then the monthly evaluation): the Node loop, Workers cron, sandbox clock. */
export { evaluateLimitOffers, type LimitOfferRun } from './service/evaluate-limit-offers';
export { getLimitOfferTakeUp } from './service/get-limit-offer-take-up';
export type { OfferJobDeps } from './service/internal/offer-job';
export {
  runStatementCycle,
  type StatementCycleDeps,
  type StatementCycleResult,
} from './service/run-statement-cycle';
export { CreditLinePaymentSchema, CreditLineStatementSchema } from './statement-schemas';

/** A line closes when its consent ends: registered with the authorization server's revocations. */
export function registerCreditLineEndings(endings: ConsentEndings): void {
  endings.register(closeLinesOfConsent);
}

/** Credit lines: opening (on the consent page), reading, draws and their refunds, statements and payments, limit offers. */
export function creditLinesRouter() {
  const app = newRouter();
  registerListCreditLines(app);
  registerGetCreditLine(app);
  registerCreateDraw(app);
  registerListDraws(app);
  registerGetDraw(app);
  registerCreateDrawRefund(app);
  registerListCreditLineStatements(app);
  registerGetCreditLineStatement(app);
  registerCreateCreditLinePayment(app);
  registerListCreditLinePayments(app);
  registerCreditLineAccountPages(app);
  registerListLimitOffers(app);
  registerLimitOfferPage(app);
  return app;
}
