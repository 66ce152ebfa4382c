import { sql } from 'drizzle-orm';
import type { BatchItem } from '../../../../db/client';
import { boundStatement, preparedQuery } from '../../../../db/prepared';
import { consentPaymentUsage } from '../../../../db/schema';
import { PaymentInitiationDetail } from '../../../../oauth/authorization-details';
import type { Consent } from '../../../../oauth/store/consents';
import { DAY_MS } from '../../../../platform/clock';
import type { ServiceContext } from '../../../../platform/context';
import { errorChainIncludes } from '../../../../platform/ledger';
import type { Money } from '../../../../platform/money';

export type Period = 'day' | 'week' | 'month';

/** What a payment_initiation consent allows: one payment of a fixed amount, or standing limits. */
export type PaymentTerms =
  | { kind: 'one_off'; instructed: Money }
  | { kind: 'standing'; perPayment: Money; perPeriod: Money; period: Period };

/** The consent's payment_initiation terms; null when it carries none (e.g. a data-only consent). */
export function paymentTerms(consent: Consent): PaymentTerms | null {
  for (const raw of consent.authorizationDetails) {
    const parsed = PaymentInitiationDetail.safeParse(raw);
    if (!parsed.success) continue;
    const d = parsed.data;
    if ('instructed_amount' in d) return { kind: 'one_off', instructed: d.instructed_amount };
    return {
      kind: 'standing',
      perPayment: d.max_amount_per_payment,
      perPeriod: d.max_amount_per_period,
      period: d.period,
    };
  }
  return null;
}

/**
 * The key of the limit window `now` falls in, by UTC: the calendar day, the ISO week (starting
 * Monday) or the calendar month. One-off consents have a single window for their whole life.
 */
export function usageWindow(terms: PaymentTerms, now: Date): string {
  if (terms.kind === 'one_off') return 'once';
  const day = now.toISOString().slice(0, 10);
  if (terms.period === 'day') return `day:${day}`;
  if (terms.period === 'month') return `month:${day.slice(0, 7)}`;
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return `week:${new Date(midnight - sinceMonday * DAY_MS).toISOString().slice(0, 10)}`;
}

/** The most a consent may pay in one window. */
export function windowMaximum(terms: PaymentTerms): number {
  return terms.kind === 'one_off' ? terms.instructed.amount : terms.perPeriod.amount;
}

/**
 * Adds a succeeded payment to its consent's usage row, for the payment's own batch. The add is a
 * single UPSERT, so it reads and writes the total under the database's write lock; the table's
 * CHECK (used <= max_amount) then fails the statement when the total would pass the maximum,
 * and the failure rolls the whole batch back (payment, journal, event, idempotency record).
 * No application read decides the limit, so concurrent payments cannot overshoot it together.
 */
// Prepared once: every payment under a standing consent adds to its window's usage.
const consumeUsage = preparedQuery((db) => {
  const u = consentPaymentUsage;
  return db
    .insert(u)
    .values({
      consentId: sql.placeholder('consentId'),
      period: sql.placeholder('period'),
      currency: sql.placeholder('currency'),
      used: sql.placeholder('used'),
      maxAmount: sql.placeholder('maxAmount'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .onConflictDoUpdate({
      target: [u.consentId, u.period],
      set: { used: sql`${u.used} + excluded.used`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare();
});

export function consumeUsageStatement(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  input: { consentId: string; window: string; amount: Money; maximum: number },
): BatchItem {
  return boundStatement(consumeUsage(ctx.db), {
    consentId: input.consentId,
    period: input.window,
    currency: input.amount.currency,
    used: input.amount.amount,
    maxAmount: input.maximum,
    updatedAt: ctx.clock.now(),
  });
}

/** True when a batch failed because a payment would take its consent past a maximum. */
export function isConsentLimitError(err: unknown): boolean {
  return errorChainIncludes(err, 'consent_payment_usage_within_max');
}
