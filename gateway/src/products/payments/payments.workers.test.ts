import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { consentPaymentUsage, consents, refunds } from '../../db/schema';
import type { AppPrincipal, ServiceContext } from '../../platform/context';
import type { ApiError } from '../../platform/errors';
import { balanceOf, checkLedgerInvariants } from '../../platform/ledger';
import { barrierDb } from '../../testing/barrier';
import { createD1Gateway, type D1TestGateway } from '../../testing/d1';
import { appPrincipal, authorisedConsent, serviceContextFor } from '../../testing/service-context';
import { createPayment } from './service/create-payment';
import { createRefund } from './service/create-refund';

// D1 has no interactive transactions: the limits hold only if the batch and its CHECKs do.
// Every racer here has read and decided before any of them writes (barrierDb).
let gw: D1TestGateway;
let app: AppPrincipal;
let ava: { id: string; depositAccountId: string };

beforeAll(async () => {
  gw = await createD1Gateway();
  ava = gw.seed!.customers.find((c) => c.login === 'ava')!;
  app = await appPrincipal(gw.services.db, gw.seed!.appId);
});

const usd = (amount: number) => ({ amount, currency: 'USD' as const });

async function consent(details: Record<string, unknown>[]): Promise<string> {
  return authorisedConsent(gw, {
    app,
    customerId: ava.id,
    scopes: ['payments:write'],
    authorizationDetails: details,
  });
}

function ctx(consentId: string, db = gw.services.db): ServiceContext {
  return serviceContextFor(gw, { app, customerId: ava.id, consentId, db });
}

describe('payments on D1', () => {
  it('racing payments never take a standing consent past its period maximum', async () => {
    const id = await consent([
      {
        type: 'payment_initiation',
        max_amount_per_payment: usd(3_000),
        max_amount_per_period: usd(5_000),
        period: 'day',
      },
    ]);
    const before = (await balanceOf(gw.services.db, app.merchantAccountId))!;
    const db = barrierDb(gw.services.db, 3);
    const results = await Promise.all(
      [3_000, 2_000, 1_000].map((amount) =>
        createPayment({ ctx: ctx(id, db), input: { amount: usd(amount) } }),
      ),
    );
    const paid = results
      .filter((r) => r.body.status === 'succeeded')
      .reduce((s, r) => s + r.body.amount.amount, 0);
    expect(paid).toBeLessThanOrEqual(5_000);
    expect(results.filter((r) => r.body.failure_code === 'consent_limit_exceeded')).toHaveLength(1);
    const net = results
      .filter((r) => r.body.status === 'succeeded')
      .reduce((s, r) => s + r.body.net.amount, 0);
    expect((await balanceOf(gw.services.db, app.merchantAccountId))! - before).toBe(net);
    const [usage] = await gw.services.db
      .select()
      .from(consentPaymentUsage)
      .where(eq(consentPaymentUsage.consentId, id));
    expect(usage?.used).toBe(paid);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });

  it('racing payments on a one-off consent pay once and consume it', async () => {
    const id = await consent([{ type: 'payment_initiation', instructed_amount: usd(1_500) }]);
    const db = barrierDb(gw.services.db, 2);
    const results = await Promise.allSettled(
      [0, 1].map(() => createPayment({ ctx: ctx(id, db), input: { amount: usd(1_500) } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as ApiError] : []));
    expect(refused.map((e) => e.code)).toEqual(['consent_inactive']);
    const [row] = await gw.services.db.select().from(consents).where(eq(consents.id, id));
    expect(row?.status).toBe('consumed');
  });

  it('racing refunds never add up to more than the payment', async () => {
    const id = await consent([
      {
        type: 'payment_initiation',
        max_amount_per_payment: usd(10_000),
        max_amount_per_period: usd(10_000),
        period: 'day',
      },
    ]);
    const payment = (await createPayment({ ctx: ctx(id), input: { amount: usd(5_000) } })).body;
    const db = barrierDb(gw.services.db, 3);
    const results = await Promise.allSettled(
      [0, 1, 2].map(() =>
        createRefund({ ctx: ctx(id, db), input: { id: payment.id, body: { amount: usd(2_000) } } }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as ApiError] : []));
    expect(refused.map((e) => e.code)).toEqual(['refund_exceeds_payment']);
    const stored = await gw.services.db.select().from(refunds).where(eq(refunds.paymentId, payment.id));
    expect(stored.reduce((s, r) => s + r.amount, 0)).toBe(4_000);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });
});
