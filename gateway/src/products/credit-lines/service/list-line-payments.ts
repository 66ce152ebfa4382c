import type { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { creditLinePayments } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, type ListQuerySchema, paginate } from '../../../platform/pagination';
import { findLine } from './find-line';
import { type CreditLinePaymentObject, paymentObject } from './internal/statement-objects';

/** Payments into the line (the partner's, the customer's, autopay), newest first. */
export async function listLinePayments({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof ListQuerySchema> & { id: string };
}): Promise<ListPage<CreditLinePaymentObject>> {
  const line = await findLine(ctx, input.id);
  const page = await paginate(ctx.db, creditLinePayments, eq(creditLinePayments.lineId, line.id), input);
  return { ...page, data: page.data.map(paymentObject) };
}
