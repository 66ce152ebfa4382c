import { eq } from 'drizzle-orm';
import { refunds } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, type ListQuery, paginate } from '../../../platform/pagination';
import { findPayment } from './find-payment';
import { type RefundObject, refundObject } from './internal/objects';

/** The refunds of one of the app's payments, newest first. */
export async function listRefunds({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; query: ListQuery };
}): Promise<ListPage<RefundObject>> {
  const payment = await findPayment(ctx, input.id);
  const page = await paginate(ctx.db, refunds, eq(refunds.paymentId, payment.id), input.query);
  return { ...page, data: page.data.map(refundObject) };
}
