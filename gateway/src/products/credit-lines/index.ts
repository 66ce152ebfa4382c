import type { ConsentEndings } from '../../oauth/consent-steps';
import { newRouter } from '../../platform/http';
import { registerCreateDraw } from './routes/create-draw';
import { registerCreateDrawRefund } from './routes/create-draw-refund';
import { registerGetCreditLine } from './routes/get-credit-line';
import { registerGetDraw } from './routes/get-draw';
import { registerLimitOfferPage } from './routes/limit-offer-page';
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

/** A line closes when its consent ends: registered with the authorization server's revocations. */
export function registerCreditLineEndings(endings: ConsentEndings): void {
  endings.register(closeLinesOfConsent);
}

/** Credit lines: opening (on the consent page), reading, draws and their refunds, limit offers. */
export function creditLinesRouter() {
  const app = newRouter();
  registerListCreditLines(app);
  registerGetCreditLine(app);
  registerCreateDraw(app);
  registerListDraws(app);
  registerGetDraw(app);
  registerCreateDrawRefund(app);
  registerListLimitOffers(app);
  registerLimitOfferPage(app);
  return app;
}
