import { and, eq, type SQL } from 'drizzle-orm';
import { payments } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { Payment } from './internal/objects';

/**
 * What a request may see: the app's own payments and, when the token acts for a customer, only
 * that customer's. Everything outside is answered as if it did not exist.
 */
export function paymentScope(ctx: Pick<ServiceContext, 'app' | 'customer'>): SQL {
  if (!ctx.app) throw new ApiError('unauthorized');
  return and(
    eq(payments.appId, ctx.app.id),
    ctx.customer ? eq(payments.customerId, ctx.customer.id) : undefined,
  )!;
}

/** A payment within the request's scope; another app's (or customer's) is 404, never 403. */
export async function findPayment(ctx: Pick<ServiceContext, 'db' | 'app' | 'customer'>, id: string) {
  const [row] = await ctx.db
    .select()
    .from(payments)
    .where(and(eq(payments.id, id), paymentScope(ctx)));
  if (!row) throw new ApiError('not_found', { detail: `No payment ${id} for this app.` });
  return row as Payment;
}
