import { newRouter } from '../../platform/http';
import { registerCreatePayment } from './routes/create-payment';
import { registerCreateRefund } from './routes/create-refund';
import { registerGetPayment } from './routes/get-payment';
import { registerListPayments } from './routes/list-payments';
import { registerListRefunds } from './routes/list-refunds';

export function paymentsRouter() {
  const app = newRouter();
  registerCreatePayment(app);
  registerListPayments(app);
  registerGetPayment(app);
  registerCreateRefund(app);
  registerListRefunds(app);
  return app;
}
/** The objects payment events carry (webhook-endpoints builds example payloads from them). */
export { PaymentSchema, RefundSchema } from './schemas';
