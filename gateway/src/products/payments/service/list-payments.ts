import type { z } from '@hono/zod-openapi';
import { and, eq, gte, lte } from 'drizzle-orm';
import { payments } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, paginate } from '../../../platform/pagination';
import type { ListPaymentsQuery } from '../schemas';
import { paymentScope } from './find-payment';
import { type PaymentObject, paymentObject } from './internal/objects';

/** The app's payments, newest first, filtered by status and creation time. */
export async function listPayments({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof ListPaymentsQuery>;
}): Promise<ListPage<PaymentObject>> {
  const from = input['created[gte]'];
  const to = input['created[lte]'];
  const scope = and(
    paymentScope(ctx),
    input.status ? eq(payments.status, input.status) : undefined,
    from ? gte(payments.createdAt, new Date(from)) : undefined,
    // created_at is shown to the second: `lte` includes the whole second it names.
    to ? lte(payments.createdAt, new Date(Math.floor(Date.parse(to) / 1000) * 1000 + 999)) : undefined,
  );
  const page = await paginate(ctx.db, payments, scope, input);
  return { ...page, data: page.data.map(paymentObject) };
}
