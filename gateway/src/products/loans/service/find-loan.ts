import { and, eq, type SQL } from 'drizzle-orm';
import { loans } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { installmentsOf } from './internal/loan-writes';
import type { Loan, LoanInstallment } from './internal/objects';

/**
 * What a request may see: the app's own loans and, when the token acts for a customer, only that
 * customer's. Everything outside is answered as if it did not exist.
 */
export function loanScope(ctx: Pick<ServiceContext, 'app' | 'customer'>): SQL {
  if (!ctx.app) throw new ApiError('unauthorized');
  return and(eq(loans.appId, ctx.app.id), ctx.customer ? eq(loans.customerId, ctx.customer.id) : undefined)!;
}

/** A loan within the request's scope with its installments; another app's is 404, never 403. */
export async function findLoan(
  ctx: Pick<ServiceContext, 'db' | 'app' | 'customer'>,
  id: string,
): Promise<{ loan: Loan; installments: LoanInstallment[] }> {
  const [loan] = await ctx.db
    .select()
    .from(loans)
    .where(and(eq(loans.id, id), loanScope(ctx)));
  if (!loan) throw new ApiError('not_found', { detail: `No loan ${id} for this app.` });
  return { loan, installments: await installmentsOf(ctx.db, loan.id) };
}
