import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../db/client';
import { preparedQuery } from '../db/prepared';
import { apps, type PricedProduct, pricing } from '../db/schema';
import { bankAccountId, bankAccountStatements } from './bank-accounts';
import type { Mode, ServiceContext } from './context';
import type { JournalLine, KnownAccount } from './ledger';
import type { Currency } from './money';

/** Rates are parts per million of the amount: 0.50% is 5000. */
export const RATE_SCALE = 1_000_000;

/** Rows for any plan without its own (DOMAIN.md defaults, seeded by the migration). */
export const DEFAULT_PLAN = 'default';

/** Half-up division of non-negative BigInts: floor(n / d + 1/2), exact at any size. */
function divideHalfUp(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d));
}

/** fee = round_half_up(amount × rate) in minor units (DOMAIN.md "Merchant money"); no floats. */
export function feeFor(amount: number, ratePpm: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`bad amount ${amount}`);
  if (!Number.isSafeInteger(ratePpm) || ratePpm < 0 || ratePpm > RATE_SCALE)
    throw new RangeError(`bad rate ${ratePpm}`);
  return divideHalfUp(BigInt(amount) * BigInt(ratePpm), BigInt(RATE_SCALE));
}

export interface Charged {
  /** The amount the fee was charged on (a payment's amount, a loan's principal). */
  amount: number;
  fee: number;
  /** Refunded so far, and the fee those refunds returned. */
  refunded: number;
  feeRefunded: number;
}

/**
 * The fee a refund of `refund` gives back: pro rata, round_half_up(fee × refund / amount), never
 * more than is left of the fee; the refund that completes the refunds returns exactly what is
 * left, so a fully refunded charge returns its whole fee and the totals never drift by a cent.
 */
export function feeRefundFor(charged: Charged, refund: number): number {
  const left = charged.fee - charged.feeRefunded;
  if (charged.refunded + refund >= charged.amount) return left;
  const share = divideHalfUp(BigInt(charged.fee) * BigInt(refund), BigInt(charged.amount));
  return Math.min(share, left);
}

/** The rate of `product` for an app on `plan`: its own row, else the default plan's; 0 when neither. */
export async function rateFor(
  db: Database,
  plan: string | undefined,
  product: PricedProduct,
): Promise<number> {
  const [row] = await rateQuery(db).all({ product, plan: plan ?? DEFAULT_PLAN });
  return row?.ratePpm ?? 0;
}

// Prepared once: every payment, loan and draw asks its rate. Pricing is data that changes
// without a deploy, so it is read each time, never cached.
const rateQuery = preparedQuery((db) =>
  db
    .select({ ratePpm: pricing.ratePpm })
    .from(pricing)
    .where(
      and(
        eq(pricing.product, sql.placeholder('product')),
        inArray(pricing.plan, [sql.placeholder('plan'), DEFAULT_PLAN]),
      ),
    )
    .orderBy(sql`${pricing.plan} = ${DEFAULT_PLAN}`)
    .limit(1)
    .prepare(),
);

/** The fee an app pays on `amount` of `product`, at its plan's rate. */
export async function feeOf(
  db: Database,
  app: { id: string; plan?: string },
  product: PricedProduct,
  amount: number,
): Promise<number> {
  let plan = app.plan;
  if (plan === undefined) {
    const [row] = await db.select({ plan: apps.plan }).from(apps).where(eq(apps.id, app.id));
    plan = row?.plan;
  }
  return feeFor(amount, await rateFor(db, plan, product));
}

export interface FeeLegs {
  /** The merchant's and the fee income's legs, to add to the journal's other side. */
  lines: JournalLine[];
  /** The bank's accounts, created in the batch if this mode and currency has none yet. */
  statements: BatchItem[];
  accounts: KnownAccount[];
}

/**
 * Splits what a merchant is owed between the merchant and the bank's fee income, in the same
 * journal: Cr merchant (amount − fee), Cr fee_income (fee). With `side: 'debit'` (a refund), the
 * mirror: Dr merchant (amount − fee returned), Dr fee_income (fee returned).
 */
export function feeLegs(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  a: {
    mode: Mode;
    currency: Currency;
    merchantAccountId: string;
    amount: number;
    fee: number;
    side: 'credit' | 'debit';
  },
): FeeLegs {
  const bank = bankAccountStatements(ctx, a.mode, a.currency);
  const leg = (accountId: string, value: number): JournalLine[] =>
    value === 0 ? [] : [a.side === 'credit' ? { accountId, credit: value } : { accountId, debit: value }];
  return {
    lines: [
      ...leg(a.merchantAccountId, a.amount - a.fee),
      ...leg(bankAccountId('fee_income', a.mode, a.currency), a.fee),
    ],
    statements: a.fee === 0 ? [] : bank.statements,
    accounts: a.fee === 0 ? [] : bank.accounts,
  };
}
