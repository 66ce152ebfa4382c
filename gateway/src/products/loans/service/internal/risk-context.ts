import { and, count, countDistinct, eq, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import {
  type BatchReads,
  batchBound,
  batchReads,
  boundStatement,
  preparedQuery,
} from '../../../../db/prepared';
import { creditDecisions, customers, deviceSightings, loans, payments } from '../../../../db/schema';
import { DAY_MS, HOUR_MS } from '../../../../platform/clock';
import type { Currency } from '../../../../platform/money';
import type { RiskInput } from '../../decision/risk';
import type { Applicant } from './credit-profile';

const VELOCITY_WINDOW_MS = 24 * HOUR_MS;
/**
 * Applications are counted up to this many: far past the velocity threshold the count changes
 * nothing, and an unbounded count would let a flood of applications slow every next decision.
 */
export const APPLICATIONS_COUNTED = 100;
const DEVICE_WINDOW_MS = 30 * DAY_MS;

/**
 * The counts behind the risk signals, as of business time `now` (DOMAIN.md "Risk context
 * signals"); the thresholds are the engine's (decision/risk.ts).
 *
 * - Applications are stored loan-offer decisions (API and hosted checkout alike), across apps,
 *   counted up to `APPLICATIONS_COUNTED`. Prequalifications are soft checks, not applications,
 *   and do not count.
 * - Devices are DPoP key thumbprints. Only customers of the same world count (the same sandbox,
 *   or live): sandboxes never see one another, so a partner testing with the published shared
 *   device key in their sandbox cannot change another sandbox's decisions.
 * - Past purchases are the customer's succeeded payments and checkout loans in `currency`; their
 *   median is read only when a key new to the customer could make it fire `device_change`.
 */
export async function riskInputFor(db: Database, input: RiskQuery): Promise<RiskInput> {
  const [risk] = await batchReads(db, [riskReads(db, input)]);
  return risk;
}

export interface RiskQuery {
  applicant: Applicant;
  amount: number;
  currency: Currency;
  jkt: string | null;
  requestCountry: string | null;
  now: Date;
}

/** riskInputFor's reads, for a decision's one batch of reads (`batchReads`). */
export function riskReads(db: Database, input: RiskQuery): BatchReads<RiskInput> {
  const { applicant, now, jkt } = input;
  const nowMs = now.getTime();
  // Without a DPoP key the device counts are asked for the key '' (which no proof has) and ignored.
  const statements = [
    boundStatement(applicationsQuery(db), {
      customerId: applicant.id,
      since: nowMs - VELOCITY_WINDOW_MS,
      now: nowMs,
    }),
    boundStatement(otherCustomersOnKeyQuery(db), {
      jkt: jkt ?? '',
      customerId: applicant.id,
      mode: applicant.mode,
      // '' never matches a sandbox id: live customers are those without one.
      sandboxId: applicant.sandboxId ?? '',
      live: applicant.sandboxId ? 0 : 1,
      since: nowMs - DEVICE_WINDOW_MS,
      now: nowMs,
    }),
    boundStatement(keySeenForCustomerQuery(db), { jkt: jkt ?? '', customerId: applicant.id, now: nowMs }),
  ];
  return {
    statements,
    async finish([applications, others, seen]) {
      const seenForCustomerBefore = (seen as unknown[]).length > 0;
      return {
        amount: input.amount,
        currency: input.currency,
        previousApplications24h: (applications as { n: number }[])[0]?.n ?? 0,
        device: jkt
          ? { otherCustomers30d: (others as { n: number }[])[0]?.n ?? 0, seenForCustomerBefore }
          : null,
        // The median is device_change's baseline and nothing else's: it reads every past purchase,
        // so it is read only for a key new to this customer (a known key or none cannot fire it).
        medianPurchase:
          jkt && !seenForCustomerBefore ? await medianPurchase(db, applicant.id, input.currency) : null,
        requestCountry: input.requestCountry,
        homeCountry: applicant.homeCountry,
      };
    },
  };
}

async function medianPurchase(db: Database, customerId: string, currency: Currency): Promise<number | null> {
  const customer = { customerId, currency };
  const [paid, financed] = await batchBound(db, [
    boundStatement(paymentAmountsQuery(db), customer),
    boundStatement(financedAmountsQuery(db), customer),
  ]);
  return median([...paid, ...financed].map((r) => r.amount));
}

/** Median of past purchase amounts, or null without any. */
function median(values: number[]): number | null {
  const amounts = values.sort((a, b) => a - b);
  if (amounts.length === 0) return null;
  const mid = amounts.length >> 1;
  // An even count takes the mean of the middle two, in whole minor units (rounded down).
  return amounts.length % 2 ? amounts[mid]! : Math.floor((amounts[mid - 1]! + amounts[mid]!) / 2);
}

// Prepared once: these run on every credit application. Times are bound as milliseconds.
const at = (name: string) => sql.placeholder(name);

const applicationsQuery = preparedQuery((db) => {
  const recent = db
    .select({ one: sql`1` })
    .from(creditDecisions)
    .where(
      and(
        eq(creditDecisions.customerId, at('customerId')),
        eq(creditDecisions.kind, 'loan_offer'),
        gt(creditDecisions.createdAt, at('since')),
        lte(creditDecisions.createdAt, at('now')),
      ),
    )
    .limit(APPLICATIONS_COUNTED)
    .as('recent');
  return db.select({ n: count() }).from(recent).prepare();
});

const otherCustomersOnKeyQuery = preparedQuery((db) =>
  db
    .select({ n: countDistinct(deviceSightings.customerId) })
    .from(deviceSightings)
    .innerJoin(customers, eq(customers.id, deviceSightings.customerId))
    .where(
      and(
        eq(deviceSightings.jkt, at('jkt')),
        ne(deviceSightings.customerId, at('customerId')),
        gt(deviceSightings.seenAt, at('since')),
        lte(deviceSightings.seenAt, at('now')),
        eq(customers.mode, at('mode')),
        or(
          eq(customers.sandboxId, at('sandboxId')),
          and(isNull(customers.sandboxId), sql`${at('live')} = 1`),
        ),
      ),
    )
    .prepare(),
);

// Whether the key was seen at all: one row, however often it was seen (a sighting per decision).
const keySeenForCustomerQuery = preparedQuery((db) =>
  db
    .select({ one: sql`1` })
    .from(deviceSightings)
    .where(
      and(
        eq(deviceSightings.jkt, at('jkt')),
        eq(deviceSightings.customerId, at('customerId')),
        lte(deviceSightings.seenAt, at('now')),
      ),
    )
    .limit(1)
    .prepare(),
);

const paymentAmountsQuery = preparedQuery((db) =>
  db
    .select({ amount: payments.amount })
    .from(payments)
    .where(
      and(
        eq(payments.customerId, at('customerId')),
        eq(payments.currency, at('currency')),
        eq(payments.status, 'succeeded'),
      ),
    )
    .prepare(),
);

const financedAmountsQuery = preparedQuery((db) =>
  db
    .select({ amount: loans.principal })
    .from(loans)
    .where(and(eq(loans.customerId, at('customerId')), eq(loans.currency, at('currency'))))
    .prepare(),
);
