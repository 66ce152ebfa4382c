import { and, eq, type SQL } from 'drizzle-orm';
import { creditLines } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { CreditLine } from './internal/objects';

/**
 * What a request may see: the app's own lines and, when the token acts for a customer, only the
 * line(s) of that token's consent (DOMAIN.md: a customer token sees that customer's objects under
 * that consent). Everything outside is answered as if it did not exist.
 */
export function lineScope(ctx: Pick<ServiceContext, 'app' | 'customer' | 'consent'>): SQL {
  if (!ctx.app) throw new ApiError('unauthorized');
  return and(
    eq(creditLines.appId, ctx.app.id),
    ctx.customer ? eq(creditLines.customerId, ctx.customer.id) : undefined,
    ctx.customer ? eq(creditLines.consentId, ctx.consent?.id ?? '') : undefined,
  )!;
}

/** A line within the request's scope; another app's or consent's is 404, never 403. */
export async function findLine(
  ctx: Pick<ServiceContext, 'db' | 'app' | 'customer' | 'consent'>,
  id: string,
): Promise<CreditLine> {
  const [line] = await ctx.db
    .select()
    .from(creditLines)
    .where(and(eq(creditLines.id, id), lineScope(ctx)));
  if (!line) throw new ApiError('not_found', { detail: `No credit line ${id} under this token.` });
  return line;
}
