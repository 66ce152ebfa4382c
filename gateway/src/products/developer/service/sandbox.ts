import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { customerAccounts, customers, ledgerAccounts, sandboxes } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { DAY_MS, rfc3339, sandboxClock } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import type { Currency, Money } from '../../../platform/money';
import { advanceSandboxClockStatements } from '../../../platform/sandbox-clock';
import { SANDBOX_ONE_TIME_CODE, SANDBOX_PASSWORD } from '../../../sandbox/seed/customers';
import { collectDueInstallments } from '../../loans';
import { ensureSandbox } from './accounts';

export interface SandboxClockObject {
  object: 'sandbox_clock';
  sandbox: string;
  now: string;
  offset_seconds: number;
  frozen: boolean;
}

function clockObject(
  ctx: Pick<ServiceContext, 'clock'>,
  sandboxId: string,
  state: { offsetMs: number; frozenAt: Date | null },
): SandboxClockObject {
  return {
    object: 'sandbox_clock',
    sandbox: sandboxId,
    now: rfc3339(sandboxClock(state, ctx.clock).now()),
    offset_seconds: Math.round(state.offsetMs / 1000),
    frozen: state.frozenAt !== null,
  };
}

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

/**
 * Moves the developer's sandbox clock forward: consents expire, offers lapse and installments
 * fall due as if the time had passed. The clock only moves forward.
 */
export async function advanceSandboxClock({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string };
  input: { days?: number | undefined; seconds?: number | undefined };
}): Promise<SandboxClockObject> {
  const sandboxId = await ensureSandbox(ctx, developer.id);
  const ms = input.days !== undefined ? input.days * DAY_MS : (input.seconds ?? 0) * 1000;
  const { statement, next } = await advanceSandboxClockStatements(ctx.db, sandboxId, ms);
  await ctx.db.batch([
    statement,
    auditStatement(ctx, {
      actorType: 'developer',
      actorId: developer.id,
      action: 'sandbox.clock_advanced',
      targetType: 'sandbox',
      targetId: sandboxId,
      details: { advanced_by_seconds: ms / 1000 },
    }),
  ]);
  // What the new time makes due is collected at once, as POST /v1/sandbox/clock/advance does.
  await collectDueInstallments({ ...ctx, sandboxId });
  return clockObject(ctx, sandboxId, next);
}
