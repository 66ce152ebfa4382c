import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentPaymentUsage } from '../../db/schema';
import { DAY_MS, HOUR_MS } from '../../platform/clock';
import { checkLedgerInvariants } from '../../platform/ledger';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import { serviceContextOfAccess } from '../../testing/service-context';
import { createPayment } from './service/create-payment';
import { type PaymentTerms, usageWindow } from './service/internal/consent-limits';
import {
  barrierDb,
  depositOf,
  journalsFor,
  merchantOf,
  pay,
  payer,
  paymentsGateway,
  paymentsOfConsent,
  refreshed,
  standing,
  usd,
} from './test-support';

let gw: TestGateway;

beforeAll(async () => {
  // Sunday 2026-11-22 10:00 UTC.
  gw = await paymentsGateway();
});
afterAll(async () => {
  expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  gw.close();
});

const terms = (period: 'day' | 'week' | 'month'): PaymentTerms => ({
  kind: 'standing',
  perPayment: usd(100),
  perPeriod: usd(1000),
  period,
});

describe('limit windows (UTC)', () => {
  it('are the calendar day, the ISO week starting Monday, and the calendar month', () => {
    const at = (iso: string) => new Date(iso);
    expect(usageWindow(terms('day'), at('2026-11-22T23:59:59.999Z'))).toBe('day:2026-11-22');
    expect(usageWindow(terms('day'), at('2026-11-23T00:00:00Z'))).toBe('day:2026-11-23');
    // Sunday still belongs to the week that began on Monday the 16th; Monday starts a new one.
    expect(usageWindow(terms('week'), at('2026-11-22T23:59:59Z'))).toBe('week:2026-11-16');
    expect(usageWindow(terms('week'), at('2026-11-23T00:00:00Z'))).toBe('week:2026-11-23');
    expect(usageWindow(terms('week'), at('2027-01-01T12:00:00Z'))).toBe('week:2026-12-28');
    expect(usageWindow(terms('month'), at('2026-11-30T23:59:59Z'))).toBe('month:2026-11');
    expect(usageWindow(terms('month'), at('2026-12-01T00:00:00Z'))).toBe('month:2026-12');
    expect(usageWindow({ kind: 'one_off', instructed: usd(5) }, at('2026-12-01T00:00:00Z'))).toBe('once');
  });
});

describe('standing consent limits', () => {
  it('fails a payment above the maximum per payment with consent_limit_exceeded, moving nothing', async () => {
    const access = await payer(gw, { details: standing(5_000, 20_000, 'day') });
    const deposit = depositOf(gw, 'ava');
    const before = await balance(gw, deposit);
    const res = await pay(access, 5_001);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'failed', failure_code: 'consent_limit_exceeded' });
    expect(res.body.failure_message).toContain('50.00 USD per payment');
    expect(await balance(gw, deposit)).toBe(before);
    expect(await journalsFor(gw, 'payment', res.body.id)).toEqual([]);
    expect((await pay(access, 5_000)).body.status).toBe('succeeded');
  });

  it('fails a payment past the maximum per period, and pays again in the next period', async () => {
    const access = await payer(gw, { details: standing(5_000, 12_000, 'day') });
    const merchant = await merchantOf(gw, access.app.id);
    expect((await pay(access, 5_000)).body.status).toBe('succeeded');
    expect((await pay(access, 5_000)).body.status).toBe('succeeded');
    const over = await pay(access, 2_001);
    expect(over.body).toMatchObject({ status: 'failed', failure_code: 'consent_limit_exceeded' });
    expect(over.body.failure_message).toContain('120.00 USD per day');
    expect(await journalsFor(gw, 'payment', over.body.id)).toEqual([]);
    expect(await balance(gw, merchant)).toBe(9_950);
    // Exactly up to the maximum is allowed.
    expect((await pay(access, 2_000)).body.status).toBe('succeeded');
    expect((await pay(access, 1)).body.failure_code).toBe('consent_limit_exceeded');

    gw.clock.advance(14 * HOUR_MS); // Monday 00:00 UTC: a new day
    expect((await pay(await refreshed(gw, access), 5_000)).body.status).toBe('succeeded');
    expect(await balance(gw, merchant)).toBe(16_915);
  });

  it('counts a weekly allowance across the days of an ISO week', async () => {
    const access = await payer(gw, { details: standing(3_000, 5_000, 'week') });
    expect((await pay(access, 3_000)).body.status).toBe('succeeded');
    gw.clock.advance(DAY_MS);
    const tuesday = await refreshed(gw, access);
    expect((await pay(tuesday, 2_001)).body.failure_code).toBe('consent_limit_exceeded');
    expect((await pay(tuesday, 2_000)).body.status).toBe('succeeded');
  });

  it('never exceeds the period maximum when different payments race for it', async () => {
    const access = await payer(gw, { details: standing(3_000, 10_000, 'month') });
    const merchant = await merchantOf(gw, access.app.id);
    const results = await Promise.all(Array.from({ length: 12 }, () => pay(access, 3_000)));
    for (const r of results) expect(r.status, r.text).toBe(201);
    const succeeded = results.filter((r) => r.body.status === 'succeeded');
    const failed = results.filter((r) => r.body.status === 'failed');
    expect(succeeded).toHaveLength(3);
    expect(failed.every((r) => r.body.failure_code === 'consent_limit_exceeded')).toBe(true);
    expect(await balance(gw, merchant)).toBe(8_955);
    const [usage] = await gw.services.db
      .select()
      .from(consentPaymentUsage)
      .where(eq(consentPaymentUsage.consentId, access.consentId));
    expect(usage).toMatchObject({ used: 9_000, maxAmount: 10_000 });
    const rows = await paymentsOfConsent(gw, access.consentId);
    expect(rows.filter((p) => p.status === 'succeeded').reduce((s, p) => s + p.amount, 0)).toBe(9_000);
    for (const p of rows) {
      expect(await journalsFor(gw, 'payment', p.id)).toHaveLength(p.status === 'succeeded' ? 1 : 0);
    }
  });

  it('the database refuses usage past the maximum even when every racer passed the checks', async () => {
    const access = await payer(gw, { details: standing(3_000, 5_000, 'day') });
    const merchant = await merchantOf(gw, access.app.id);
    const db = barrierDb(gw.services.db, 3);
    const results = await Promise.all(
      [3_000, 2_000, 1_000].map(async (amount) =>
        createPayment({ ctx: await serviceContextOfAccess(gw, access, db), input: { amount: usd(amount) } }),
      ),
    );
    const succeeded = results.filter((r) => r.body.status === 'succeeded');
    const total = succeeded.reduce((s, r) => s + r.body.amount.amount, 0);
    expect(total).toBeLessThanOrEqual(5_000);
    // Whatever order the batches ran in, two fit (5,000 or 4,000 or 3,000) and the third cannot.
    expect(results.filter((r) => r.body.failure_code === 'consent_limit_exceeded')).toHaveLength(1);
    expect(await balance(gw, merchant)).toBe(succeeded.reduce((s, r) => s + r.body.net.amount, 0));
    const [usage] = await gw.services.db
      .select()
      .from(consentPaymentUsage)
      .where(eq(consentPaymentUsage.consentId, access.consentId));
    expect(usage?.used).toBe(total);
    for (const r of results)
      expect(await journalsFor(gw, 'payment', r.body.id)).toHaveLength(r.body.status === 'succeeded' ? 1 : 0);
  });
});
