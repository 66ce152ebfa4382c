import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { customerAccounts, customers, ledgerAccounts, sandboxes } from '../../../db/schema';
import { rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import type { Currency, Money } from '../../../platform/money';
import { SANDBOX_ONE_TIME_CODE, SANDBOX_PASSWORD } from '../../../sandbox/seed/customers';
import { ensureSandbox } from './internal/accounts';
import { clockObject } from './internal/sandbox-clock-object';

/**
 * The developer's sandbox world: its clock, and its customers with what a developer needs to
 * sign in as them (login, the shared password and one-time code) and their deposit balances.
 */
export async function getSandbox({
  ctx,
  developer,
}: {
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>;
  developer: { id: string };
}) {
  const sandboxId = await ensureSandbox(ctx, developer.id);
  const [sandbox] = await ctx.db.select().from(sandboxes).where(eq(sandboxes.id, sandboxId));
  const rows = await ctx.db
    .select({
      id: customers.id,
      login: customers.login,
      name: customers.name,
      creditFrozen: customers.creditFrozen,
      balance: ledgerAccounts.balance,
      currency: ledgerAccounts.currency,
    })
    .from(customers)
    .leftJoin(
      customerAccounts,
      and(eq(customerAccounts.customerId, customers.id), eq(customerAccounts.kind, 'deposit')),
    )
    .leftJoin(ledgerAccounts, eq(ledgerAccounts.id, customerAccounts.ledgerAccountId))
    .where(and(eq(customers.sandboxId, sandboxId), isNotNull(customers.login)))
    .orderBy(asc(customers.login));
  return {
    id: sandboxId,
    object: 'sandbox' as const,
    clock: clockObject(ctx, sandboxId, {
      offsetMs: sandbox!.clockOffsetMs,
      frozenAt: sandbox!.clockFrozenAt,
    }),
    password: SANDBOX_PASSWORD,
    one_time_code: SANDBOX_ONE_TIME_CODE,
    customers: rows.map((r) => ({
      id: r.id,
      login: r.login!,
      name: r.name,
      credit_frozen: r.creditFrozen,
      deposit_balance:
        r.balance === null || r.currency === null
          ? null
          : ({ amount: r.balance, currency: r.currency as Currency } satisfies Money),
    })),
    created_at: rfc3339(sandbox!.createdAt),
  };
}
