import { and, count, countDistinct, eq, gt, isNull, lte, ne } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { creditDecisions, customers, deviceSightings, loans, payments } from '../../../db/schema';
import { DAY_MS, HOUR_MS } from '../../../platform/clock';
import type { Currency } from '../../../platform/money';
import type { RiskInput } from '../decision/risk';
import type { Applicant } from './credit-profile';

const VELOCITY_WINDOW_MS = 24 * HOUR_MS;
const DEVICE_WINDOW_MS = 30 * DAY_MS;

/**
 * The counts behind the risk signals, as of business time `now` (DOMAIN.md "Risk context
 * signals"); the thresholds are the engine's (decision/risk.ts).
 *
 * - Applications are stored loan-offer decisions (API and hosted checkout alike), across apps.
 *   Prequalifications are soft checks, not applications, and do not count.
 * - Devices are DPoP key thumbprints. Only customers of the same world count (the same sandbox,
 *   or live): sandboxes never see one another, so a partner testing with the published shared
 *   device key in their sandbox cannot change another sandbox's decisions.
 * - Past purchases are the customer's succeeded payments and checkout loans in `currency`.
 */
export async function riskInputFor(
  db: Database,
  input: {
    applicant: Applicant;
    amount: number;
    currency: Currency;
    jkt: string | null;
    requestCountry: string | null;
    now: Date;
  },
): Promise<RiskInput> {
  const { applicant, now, jkt } = input;
  const [applications] = await db
    .select({ n: count() })
    .from(creditDecisions)
    .where(
      and(
        eq(creditDecisions.customerId, applicant.id),
        eq(creditDecisions.kind, 'loan_offer'),
        gt(creditDecisions.createdAt, new Date(now.getTime() - VELOCITY_WINDOW_MS)),
        lte(creditDecisions.createdAt, now),
      ),
    );
  let device: RiskInput['device'] = null;
  if (jkt) {
    const sameWorld = and(
      eq(customers.mode, applicant.mode),
      applicant.sandboxId ? eq(customers.sandboxId, applicant.sandboxId) : isNull(customers.sandboxId),
    );
    const [others] = await db
      .select({ n: countDistinct(deviceSightings.customerId) })
      .from(deviceSightings)
      .innerJoin(customers, eq(customers.id, deviceSightings.customerId))
      .where(
        and(
          eq(deviceSightings.jkt, jkt),
          ne(deviceSightings.customerId, applicant.id),
          gt(deviceSightings.seenAt, new Date(now.getTime() - DEVICE_WINDOW_MS)),
          lte(deviceSightings.seenAt, now),
          sameWorld,
        ),
      );
    const [mine] = await db
      .select({ n: count() })
      .from(deviceSightings)
      .where(
        and(
          eq(deviceSightings.jkt, jkt),
          eq(deviceSightings.customerId, applicant.id),
          lte(deviceSightings.seenAt, now),
        ),
      );
    device = { otherCustomers30d: others?.n ?? 0, seenForCustomerBefore: (mine?.n ?? 0) > 0 };
  }
  return {
    amount: input.amount,
    currency: input.currency,
    previousApplications24h: applications?.n ?? 0,
    device,
    medianPurchase: await medianPurchase(db, applicant.id, input.currency),
    requestCountry: input.requestCountry,
    homeCountry: applicant.homeCountry,
  };
}

async function medianPurchase(db: Database, customerId: string, currency: string): Promise<number | null> {
  const [paid, financed] = await db.batch([
    db
      .select({ amount: payments.amount })
      .from(payments)
      .where(
        and(
          eq(payments.customerId, customerId),
          eq(payments.currency, currency),
          eq(payments.status, 'succeeded'),
        ),
      ),
    db
      .select({ amount: loans.principal })
      .from(loans)
      .where(and(eq(loans.customerId, customerId), eq(loans.currency, currency))),
  ]);
  const amounts = [...paid, ...financed].map((r) => r.amount).sort((a, b) => a - b);
  if (amounts.length === 0) return null;
  const mid = amounts.length >> 1;
  // An even count takes the mean of the middle two, in whole minor units (rounded down).
  return amounts.length % 2 ? amounts[mid]! : Math.floor((amounts[mid - 1]! + amounts[mid]!) / 2);
}
