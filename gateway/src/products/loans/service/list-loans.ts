import type { z } from '@hono/zod-openapi';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { loanInstallments, loans } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, paginate } from '../../../platform/pagination';
import type { ListLoansQuery } from '../schemas';
import { loanScope } from './find-loan';
import { type LoanObject, loanObject } from './internal/objects';

/** The app's loans, newest first, optionally by status; each with its schedule. */
export async function listLoans({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof ListLoansQuery>;
}): Promise<ListPage<LoanObject>> {
  const scope = and(loanScope(ctx), input.status ? eq(loans.status, input.status) : undefined);
  const page = await paginate(ctx.db, loans, scope, input);
  const ids = page.data.map((l) => l.id);
  const installments =
    ids.length === 0
      ? []
      : await ctx.db
          .select()
          .from(loanInstallments)
          .where(inArray(loanInstallments.loanId, ids))
          .orderBy(asc(loanInstallments.number));
  return {
    ...page,
    data: page.data.map((l) =>
      loanObject(
        l,
        installments.filter((i) => i.loanId === l.id),
      ),
    ),
  };
}
