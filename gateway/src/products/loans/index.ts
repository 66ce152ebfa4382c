import { newRouter } from '../../platform/http';
import { registerCreateLoan } from './routes/create-loan';
import { registerCreateLoanOffers } from './routes/create-loan-offers';
import { registerCreateLoanRefund } from './routes/create-loan-refund';
import { registerCreateLoanRepayment } from './routes/create-loan-repayment';
import { registerCreatePrequalification } from './routes/create-prequalification';
import { registerGetLoan } from './routes/get-loan';
import { registerListLoans } from './routes/list-loans';

export { registerCheckoutStep } from './consent-step/checkout-step';
export {
  type CollectionDeps,
  type CollectionResult,
  collectDueInstallments,
} from './service/collect-due-installments';

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
