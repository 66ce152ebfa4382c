import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loanInstallments, loans } from '../../db/schema';
import { DAY_MS } from '../../platform/clock';
import type { AppPrincipal, ServiceContext } from '../../platform/context';
import type { ApiError } from '../../platform/errors';
import { checkLedgerInvariants } from '../../platform/ledger';
import { advanceSandboxClockStatements } from '../../platform/sandbox-clock';
import { barrierDb } from '../../testing/barrier';
import { createD1Gateway, type D1TestGateway } from '../../testing/d1';
import { appPrincipal, authorisedConsent, serviceContextFor } from '../../testing/service-context';
import { collectDueInstallments } from './service/collect-due-installments';
import { createLoan } from './service/create-loan';
import { createLoanOffers } from './service/create-loan-offers';

// D1 has no interactive transactions: single use and the loan's lock hold only if the batch and
// its constraints do. Every racer here has read and decided before any of them writes.
let gw: D1TestGateway;
let app: AppPrincipal;
let ben: { id: string; depositAccountId: string };

beforeAll(async () => {
  gw = await createD1Gateway();
  ben = gw.seed!.customers.find((c) => c.login === 'ben')!;
  app = await appPrincipal(gw.services.db, gw.seed!.appId);
});

const usd = (amount: number) => ({ amount, currency: 'USD' as const });

async function checkoutConsent(): Promise<string> {
  return authorisedConsent(gw, {
    app,
    customerId: ben.id,
    scopes: ['credit:offers', 'loans:write'],
    authorizationDetails: [
      { type: 'checkout_credit', amount: 100_000, currency: 'USD', order_reference: 'D1-ORDER' },
    ],
  });
}

function ctx(consentId: string, db = gw.services.db): ServiceContext {
  return serviceContextFor(gw, { app, customerId: ben.id, consentId, db });
}

async function offersFor(consentId: string, amount: number) {
  const set = await createLoanOffers({
    ctx: ctx(consentId),
    input: { amount: usd(amount), order_reference: 'D1-ORDER' },
    origin: { jkt: null, country: null },
  });
  expect(set.body.decision).toBe('approved');
  return set.body.offers;
}

describe('loans on D1', () => {
  it('racing acceptances of one offer set make exactly one loan', async () => {
    const consentId = await checkoutConsent();
    const offers = await offersFor(consentId, 40_000);
    const db = barrierDb(gw.services.db, 3);
    const results = await Promise.allSettled(
      offers.slice(0, 3).map((o) => createLoan({ ctx: ctx(consentId, db), input: { offer: o.id } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as ApiError).code] : []));
    // Whichever unique column refuses first: one loan per offer set, one per one-off consent.
    expect(refused).toHaveLength(2);
    for (const code of refused) expect(['offer_already_used', 'consent_inactive']).toContain(code);
    const made = await gw.services.db.select().from(loans).where(eq(loans.consentId, consentId));
    expect(made).toHaveLength(1);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });

  it('the repayment job collects what the sandbox clock made due, once, however many runs race', async () => {
    const consentId = await checkoutConsent();
    const offers = await offersFor(consentId, 30_000);
    const monthly = offers.find((o) => o.plan === 'installments_3')!;
    const loan = (await createLoan({ ctx: ctx(consentId), input: { offer: monthly.id } })).body;
    const paidBefore = (await gw.services.db.select().from(loanInstallments)).filter(
      (i) => i.status === 'paid',
    );
    const { statement } = await advanceSandboxClockStatements(gw.services.db, app.sandboxId!, 31 * DAY_MS);
    await gw.services.db.batch([statement]);
    const runs = await Promise.all(
      [0, 1, 2].map(() => collectDueInstallments({ ...gw.services, sandboxId: app.sandboxId! })),
    );
    // Every installment now due (this loan's first, and any of the earlier test's) is collected by
    // exactly one of the runs.
    const paidAfter = (await gw.services.db.select().from(loanInstallments)).filter(
      (i) => i.status === 'paid',
    );
    expect(runs.reduce((s, r) => s + r.collected, 0)).toBe(paidAfter.length - paidBefore.length);
    const rows = await gw.services.db
      .select()
      .from(loanInstallments)
      .where(eq(loanInstallments.loanId, loan.id));
    expect(rows.filter((i) => i.status === 'paid')).toHaveLength(1);
    const [stored] = await gw.services.db.select().from(loans).where(eq(loans.id, loan.id));
    expect(stored!.principalOutstanding).toBe(30_000 - monthly.schedule[0]!.principal);
    expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  });
});
