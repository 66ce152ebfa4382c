import type { z } from '@hono/zod-openapi';
import { and, eq, gte, isNull } from 'drizzle-orm';
import { customerAccounts, ledgerAccounts } from '../../../db/schema';
import { rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { Currency } from '../../../platform/money';
import type { CreateFundsConfirmationBody } from '../schemas';

/**
 * Whether the consenting customer's deposit account can cover `amount` (DOMAIN.md: only yes or
 * no, never the balance). The balance is compared in SQL and never leaves the database.
 */
export async function confirmFunds({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreateFundsConfirmationBody>;
}) {
  if (!ctx.customer)
    throw new ApiError('forbidden', {
      detail: 'Funds confirmation needs an access token issued under the customer’s consent.',
    });
  const { amount, currency } = input.amount;
  const [covering] = await ctx.db
    .select({ id: ledgerAccounts.id })
    .from(customerAccounts)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, customerAccounts.ledgerAccountId))
    .where(
      and(
        eq(customerAccounts.customerId, ctx.customer.id),
        eq(customerAccounts.kind, 'deposit'),
        isNull(customerAccounts.closedAt),
        eq(ledgerAccounts.currency, currency),
        eq(ledgerAccounts.status, 'open'),
        gte(ledgerAccounts.balance, amount),
      ),
    )
    .limit(1);
  return {
    object: 'funds_confirmation' as const,
    funds_available: covering !== undefined,
    amount: { amount, currency: currency as Currency },
    created_at: rfc3339(ctx.clock.now()),
  };
}
