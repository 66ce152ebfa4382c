import { and, count, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apps,
  creditInquiries,
  customerAccounts,
  customers,
  deviceSightings,
  ledgerAccounts,
  repayments,
} from '../../db/schema';
import { ManualClock } from '../../platform/clock';
import { randomIds } from '../../platform/context';
import { addDays } from '../../platform/dates';
import { balanceOf, checkLedgerInvariants } from '../../platform/ledger';
import { verifyPassword } from '../../platform/passwords';
import { createTestDatabase, type TestDatabase } from '../../testing/harness';
import { SANDBOX_CUSTOMERS } from './customers';
import { seedDemo } from './demo';

let t: TestDatabase;
const clock = new ManualClock('2026-11-22T10:00:00Z');
const ctx = () => ({ db: t.db, clock, ids: randomIds, requestId: 'seed' });
let seed: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  t = await createTestDatabase();
  seed = await seedDemo(ctx());
});
afterAll(() => t.close());

const DEPOSITS: Record<string, number> = {
  ava: 1_200_000,
  ben: 4_000_000,
  cam: 60_000,
  dee: 150_000,
  eli: 20_000,
  fay: 300_000,
  gus: 500_000,
  hal: 200_000,
};

describe('sandbox seed', () => {
  it('creates the eight DOMAIN.md customers, the demo app and its merchant account', async () => {
    expect(seed.customers.map((c) => c.login).sort()).toEqual(Object.keys(DEPOSITS).sort());
    expect(seed.clientSecret).toMatch(/^sk_sandbox_/);
    const [app] = await t.db.select().from(apps).where(eq(apps.id, seed.appId));
    expect(app?.name).toBe('Demo Shop');
    expect(app?.mode).toBe('sandbox');
    expect(app?.clientSecretHash).not.toContain(seed.clientSecret);
    expect(await balanceOf(t.db, app!.merchantAccountId)).toBe(0);
  });

  it('funds each deposit through a journal from the bank, so the ledger balances', async () => {
    for (const c of seed.customers) expect(await balanceOf(t.db, c.depositAccountId)).toBe(DEPOSITS[c.login]);
    expect(await checkLedgerInvariants(t.db)).toEqual([]);
  });

  it('stores raw records only; simple counts over them match the DOMAIN.md table', async () => {
    const now = clock.now();
    const byLogin = Object.fromEntries(seed.customers.map((c) => [c.login, c.id]));
    const expectations: Record<string, { hard183: number; types: number; util: number; late24: number }> = {
      ava: { hard183: 0, types: 3, util: 0.1, late24: 0 },
      ben: { hard183: 0, types: 4, util: 0.05, late24: 0 },
      cam: { hard183: 1, types: 2, util: 0.3, late24: 0 },
      dee: { hard183: 2, types: 2, util: 0.5, late24: 1 },
      eli: { hard183: 3, types: 2, util: 0.9, late24: 3 },
      fay: { hard183: 1, types: 2, util: 0.95, late24: 0 },
      gus: { hard183: 0, types: 3, util: 0.1, late24: 0 },
      hal: { hard183: 0, types: 2, util: 0.2, late24: 0 },
    };
    const thirtyDays = 30 * 86_400_000;
    for (const [login, e] of Object.entries(expectations)) {
      const id = byLogin[login]!;
      const [hard] = await t.db
        .select({ n: count() })
        .from(creditInquiries)
        .where(
          and(
            eq(creditInquiries.customerId, id),
            eq(creditInquiries.kind, 'hard'),
            gte(creditInquiries.createdAt, addDays(now, -183)),
          ),
        );
      expect(hard?.n, `${login} hard inquiries`).toBe(e.hard183);
      const kinds = await t.db
        .selectDistinct({ kind: customerAccounts.kind })
        .from(customerAccounts)
        .where(eq(customerAccounts.customerId, id));
      expect(kinds.length, `${login} product types`).toBe(e.types);
      const [rev] = await t.db
        .select({
          bal: sql<number>`sum(${customerAccounts.currentBalance})`,
          lim: sql<number>`sum(${customerAccounts.creditLimit})`,
        })
        .from(customerAccounts)
        .where(
          and(eq(customerAccounts.customerId, id), inArray(customerAccounts.kind, ['card', 'credit_line'])),
        );
      expect(rev!.bal / rev!.lim, `${login} utilization`).toBeCloseTo(e.util, 10);
      const due = await t.db
        .select()
        .from(repayments)
        .where(and(eq(repayments.customerId, id), gte(repayments.dueAt, addDays(now, -730))));
      const late = due.filter((r) =>
        r.paidAt
          ? r.paidAt.getTime() - r.dueAt.getTime() > thirtyDays
          : now.getTime() - r.dueAt.getTime() > thirtyDays,
      );
      expect(late.length, `${login} late payments`).toBe(e.late24);
    }
  });

  it('profiles: income, obligations, frozen credit, home country, sandbox password', async () => {
    const rows = await t.db.select().from(customers).where(isNotNull(customers.login));
    for (const spec of SANDBOX_CUSTOMERS) {
      const row = rows.find((r) => r.login === spec.login)!;
      expect(row.monthlyIncome).toBe(spec.monthlyIncome);
      expect(row.monthlyDebtObligations).toBe(spec.monthlyDebtObligations);
      expect(row.creditFrozen).toBe(spec.login === 'hal');
      expect(row.homeCountry).toBe('US');
    }
    expect(await verifyPassword('sandbox', rows[0]!.passwordHash!)).toBe(true);
  });

  it("gus's device was used by three other customers in the last 30 days", async () => {
    const gus = seed.customers.find((c) => c.login === 'gus')!;
    const [mine] = await t.db.select().from(deviceSightings).where(eq(deviceSightings.customerId, gus.id));
    const holders = await t.db
      .selectDistinct({ customerId: deviceSightings.customerId })
      .from(deviceSightings)
      .where(and(eq(deviceSightings.jkt, mine!.jkt), gte(deviceSightings.seenAt, addDays(clock.now(), -30))));
    expect(holders).toHaveLength(4);
  });

  it('is idempotent: seeding again changes nothing', async () => {
    const countAll = async () => ({
      customers: (await t.db.select({ n: count() }).from(customers))[0]!.n,
      accounts: (await t.db.select({ n: count() }).from(ledgerAccounts))[0]!.n,
      apps: (await t.db.select({ n: count() }).from(apps))[0]!.n,
    });
    const before = await countAll();
    const again = await seedDemo(ctx());
    expect(again.appId).toBe(seed.appId);
    expect(again.clientSecret).toBeNull();
    expect(again.customers.map((c) => c.id).sort()).toEqual(seed.customers.map((c) => c.id).sort());
    expect(await countAll()).toEqual(before);
    expect(await checkLedgerInvariants(t.db)).toEqual([]);
  });
});
