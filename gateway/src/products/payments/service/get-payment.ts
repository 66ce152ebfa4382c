import type { ServiceContext } from '../../../platform/context';
import { findPayment } from './find-payment';
import { type PaymentObject, paymentObject } from './internal/objects';

/** The app's own payment (and the token's customer's, when it acts for one). */
export async function getPayment({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<PaymentObject> {
  return paymentObject(await findPayment(ctx, input.id));
}
