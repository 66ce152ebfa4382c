import type { ConsentEndings } from '../../oauth/consent-steps';
import { newRouter } from '../../platform/http';
import { registerCreateDraw } from './routes/create-draw';
import { registerCreateDrawRefund } from './routes/create-draw-refund';
import { registerGetCreditLine } from './routes/get-credit-line';
import { registerGetDraw } from './routes/get-draw';
import { registerListCreditLines } from './routes/list-credit-lines';
import { registerListDraws } from './routes/list-draws';
import { closeLinesOfConsent } from './service/close-lines-of-consent';

export { registerCreditLineStep } from './consent-step/line-step';
/** The objects credit-line events carry (webhook-endpoints builds example payloads from them). */
export { CreditLineDrawSchema, CreditLineSchema } from './schemas';

/** A line closes when its consent ends: registered with the authorization server's revocations. */
export function registerCreditLineEndings(endings: ConsentEndings): void {
  endings.register(closeLinesOfConsent);
}

/** Credit lines: opening (on the consent page), reading, draws and their refunds. */
export function creditLinesRouter() {
  const app = newRouter();
  registerListCreditLines(app);
  registerGetCreditLine(app);
  registerCreateDraw(app);
  registerListDraws(app);
  registerGetDraw(app);
  registerCreateDrawRefund(app);
  return app;
}
