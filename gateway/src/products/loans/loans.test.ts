import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  consents,
  creditInquiries,
  customerAccounts,
  journals,
  ledgerAccounts,
  loans,
  repayments,
} from '../../db/schema';
import type { ApiError } from '../../platform/errors';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import { serviceContextOfAccess } from '../../testing/service-context';
import { barrierDb } from '../payments/test-support';
import { createLoan } from './service/create-loan';
import {
  advanceClock,
  checkoutAccess,
  customerIn,
  customerToken,
  eventsOf,
  expectLedgerOk,
  getLoan,
  loanManager,
  loansGateway,
  newLoan,
  newWorld,
  originate,
  requestOffers,
  usd,
  type World,
  withdraw,
} from './test-support';

let gw: TestGateway;
let world: World;

beforeAll(async () => {
  gw = await loansGateway();
  world = await newWorld(gw);
});
afterAll(async () => {
  await expectLedgerOk(gw);
  gw.close();
});

describe('POST /v1/loans', () => {
  it('originates pay_in_4 in one batch: merchant paid, first installment collected, hard inquiry, consent consumed', async () => {
    const ava = customerIn(world, 'ava');
    const merchantBefore = await balance(gw, world.merchantAccountId);
    const depositBefore = await balance(gw, ava.depositAccountId);
    const access = await checkoutAccess(gw, world, 'ava', 40_000);
    const set = (await requestOffers(access, 40_000)).body;
    const offer = set.offers.find((o) => o.plan === 'pay_in_4')!;
    const res = await originate(access, offer.id);
    expect(res.status, res.text).toBe(201);
    const loan = res.body;
    expect(loan).toMatchObject({
      id: expect.stringMatching(/^loan_[0-9A-Za-z]{24}$/),
      object: 'loan',
      offer: offer.id,
      customer: ava.id,
      consent: access.consentId,
      plan: 'pay_in_4',
      apr: 0,
      amount: usd(40_000),
      principal_outstanding: usd(30_000),
      amount_due: usd(0),
      payoff_amount: usd(30_000),
      amount_refunded: 0,
      // pay_in_4 is priced at 4.00%: the merchant gets 384.00 of 400.00.
      fee: usd(1_600),
      net: usd(38_400),
      interest_paid: 0,
      status: 'active',
      order_reference: 'ORD-1',
      livemode: false,
      created_at: '2026-11-22T10:00:00Z',
      closed_at: null,
    });
    expect(loan.schedule.map((i) => [i.number, i.amount, i.status, i.due_at, i.paid_at])).toEqual([
      [1, 10_000, 'paid', '2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z'],
      [2, 10_000, 'pending', '2026-12-06T10:00:00Z', null],
      [3, 10_000, 'pending', '2026-12-20T10:00:00Z', null],
      [4, 10_000, 'pending', '2027-01-03T10:00:00Z', null],
    ]);
    expect(await balance(gw, world.merchantAccountId)).toBe(merchantBefore + 38_400);
    expect(await balance(gw, ava.depositAccountId)).toBe(depositBefore - 10_000);
    const [stored] = await gw.services.db.select().from(loans).where(eq(loans.id, loan.id));
    const [receivable] = await gw.services.db
      .select()
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.id, stored!.receivableAccountId));
    expect(receivable).toMatchObject({
      type: 'loan_receivable',
      ownerType: 'loan',
      ownerId: loan.id,
      balance: 30_000,
    });
    const jrn = await gw.services.db.select().from(journals);
    expect(jrn.filter((j) => j.kind === 'loan_disbursement' && j.referenceId === loan.id)).toHaveLength(1);
    expect(
      jrn.filter((j) => j.kind === 'loan_installment' && j.referenceId === loan.schedule[0]!.id),
    ).toHaveLength(1);

    const hard = await gw.services.db
      .select()
      .from(creditInquiries)
      .where(
        and(
          eq(creditInquiries.customerId, ava.id),
          eq(creditInquiries.kind, 'hard'),
          eq(creditInquiries.appId, world.app.id),
        ),
      );
    expect(hard).toHaveLength(1);
    const [account] = await gw.services.db
      .select()
      .from(customerAccounts)
      .where(eq(customerAccounts.id, stored!.customerAccountId));
    expect(account).toMatchObject({ kind: 'installment_loan', customerId: ava.id, closedAt: null });
    const rows = await gw.services.db
      .select()
      .from(repayments)
      .where(eq(repayments.customerAccountId, account!.id));
    expect(rows.map((r) => [r.amount, r.paidAt !== null]).sort()).toEqual([
      [10_000, false],
      [10_000, false],
      [10_000, false],
      [10_000, true],
    ]);
    const [consent] = await gw.services.db.select().from(consents).where(eq(consents.id, access.consentId));
    expect(consent?.status).toBe('consumed');
    // Another request (new key) for the used offer is told so, not just that the consent is used.
    expectProblem(await originate(access, offer.id), 409, 'offer_already_used');
    const events = (await eventsOf(gw, world.app.id)).filter(
      (e) => e.object.id === loan.id || e.object.loan === loan.id,
    );
    expect(events.map((e) => e.type)).toEqual(['loan.created', 'loan.installment_paid']);
    expect(await gw.services.db.select().from(auditLog).where(eq(auditLog.targetId, loan.id))).toHaveLength(
      1,
    );

    expect(await getLoan(await loanManager(gw, world, 'ava'), loan.id)).toEqual(loan);
    await expectLedgerOk(gw);
  });

  it('an installment plan pays the merchant and collects nothing until the first due date', async () => {
    const ben = customerIn(world, 'ben');
    const before = await balance(gw, ben.depositAccountId);
    const { loan } = await newLoan(gw, world, 'ben', 120_000, 'installments_12');
    expect(loan).toMatchObject({ apr: 0.0999, principal_outstanding: usd(120_000) });
    expect(loan.schedule).toHaveLength(12);
    expect(loan.schedule.every((i) => i.status === 'pending')).toBe(true);
    expect(loan.schedule[0]!.due_at).toBe('2026-12-22T10:00:00Z');
    expect(loan.schedule.reduce((s, i) => s + i.principal, 0)).toBe(120_000);
    expect(await balance(gw, ben.depositAccountId)).toBe(before);
  });

  it('replays a retry with the same key; 10 concurrent identical requests make one loan', async () => {
    const access = await checkoutAccess(gw, world, 'cam', 20_000);
    const offer = (await requestOffers(access, 20_000)).body.offers[0]!;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => originate(access, offer.id, 'accept-1')),
    );
    // 409 idempotency_key_in_use while the first runs; once it has committed, the stored loan
    // (the consumed consent does not stop a replay of its own answer).
    for (const r of results) expect([201, 409], r.text).toContain(r.status);
    const created = results.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    const stored = await gw.services.db.select().from(loans).where(eq(loans.offerId, offer.id));
    expect(stored).toHaveLength(1);
    expect(
      (await gw.services.db.select().from(journals)).filter(
        (j) => j.kind === 'loan_disbursement' && j.referenceId === stored[0]!.id,
      ),
    ).toHaveLength(1);
    // The consent is consumed now; a retry with the key still gets the stored loan, moving nothing.
    const retry = await originate(access, offer.id, 'accept-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.body.id).toBe(created[0]!.body.id);
    expect(await gw.services.db.select().from(loans).where(eq(loans.offerId, offer.id))).toHaveLength(1);
  });

  it('replays with Idempotent-Replayed after the loan consumed the consent, 422 for another body', async () => {
    const line = await checkoutAccess(gw, world, 'fay', 30_000, {
      order: 'L-1',
      scope: 'credit:offers loans:write',
    });
    const set = (await requestOffers(line, 30_000, { order: 'L-1' })).body;
    const first = await originate(line, set.offers[0]!.id, 'line-accept');
    const again = await originate(line, set.offers[0]!.id, 'line-accept');
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expectProblem(await originate(line, set.offers[1]!.id, 'line-accept'), 422, 'idempotency_key_reused');
  });
});

describe('offers are single use and expire after 10 minutes', () => {
  it('a second acceptance of the offer, or of another offer of its set, is 409 offer_already_used', async () => {
    const line = await checkoutAccess(gw, world, 'ben', 60_000, {
      order: 'L-2',
      scope: 'credit:offers loans:write',
    });
    const set = (await requestOffers(line, 60_000, { order: 'L-2' })).body;
    expect((await originate(line, set.offers[0]!.id)).status).toBe(201);
    expectProblem(await originate(line, set.offers[0]!.id), 409, 'offer_already_used');
    expectProblem(await originate(line, set.offers[2]!.id), 409, 'offer_already_used');
    // A new application (under a new consent) gives new offers.
    const again = await checkoutAccess(gw, world, 'ben', 60_000, {
      order: 'L-3',
      scope: 'credit:offers loans:write',
    });
    const next = (await requestOffers(again, 60_000, { order: 'L-3' })).body;
    expect((await originate(again, next.offers[1]!.id)).status).toBe(201);
  });

  it('concurrent acceptances of every offer of a set make exactly one loan', async () => {
    const merchantBefore = await balance(gw, world.merchantAccountId);
    const access = await checkoutAccess(gw, world, 'ava', 50_000, { order: 'RACE' });
    const set = (await requestOffers(access, 50_000, { order: 'RACE' })).body;
    const results = await Promise.all([...set.offers, ...set.offers].map((o) => originate(access, o.id)));
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(['offer_already_used', 'consent_inactive', 'idempotency_key_in_use']).toContain(r.body.code);
    }
    expect(await gw.services.db.select().from(loans).where(eq(loans.decisionId, set.id))).toHaveLength(1);
    // Whichever plan won, the merchant got its net once.
    const winner = created[0]!.body as unknown as { net: { amount: number } };
    expect(await balance(gw, world.merchantAccountId)).toBe(merchantBefore + winner.net.amount);
    await expectLedgerOk(gw);
  });

  it('the database keeps one loan per offer set even when every racer passed the checks', async () => {
    const line = await checkoutAccess(gw, world, 'ben', 20_000, {
      order: 'L-4',
      scope: 'credit:offers loans:write',
    });
    const set = (await requestOffers(line, 20_000, { order: 'L-4' })).body;
    const db = barrierDb(gw.services.db, 3);
    const results = await Promise.allSettled(
      set.offers.slice(0, 3).map(async (o) => {
        const ctx = await serviceContextOfAccess(gw, line, db);
        return createLoan({
          ctx: { ...ctx, app: { ...ctx.app!, sandboxId: world.sandboxId } },
          input: { offer: o.id },
        });
      }),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as ApiError).code] : []));
    // Whichever unique column refuses first: one loan per offer set, one per one-off consent.
    expect(refused).toHaveLength(2);
    for (const code of refused) expect(['offer_already_used', 'consent_inactive']).toContain(code);
    expect(await gw.services.db.select().from(loans).where(eq(loans.decisionId, set.id))).toHaveLength(1);
    await expectLedgerOk(gw);
  });

  it('an offer accepted 10 minutes or more after issue is 409 offer_expired (by the sandbox clock)', async () => {
    const own = await newWorld(gw, 'Slow Shop');
    const scope = 'credit:offers loans:write';
    const first = await checkoutAccess(gw, own, 'ava', 20_000, { order: 'E-1', scope });
    const second = await checkoutAccess(gw, own, 'ava', 20_000, { order: 'E-2', scope });
    const early = (await requestOffers(first, 20_000, { order: 'E-1' })).body;
    const late = (await requestOffers(second, 20_000, { order: 'E-2' })).body;
    await advanceClock(gw, own, { seconds: 599 });
    expect((await originate(first, early.offers[0]!.id)).status).toBe(201);
    await advanceClock(gw, own, { seconds: 1 });
    expectProblem(await originate(second, late.offers[0]!.id), 409, 'offer_expired');
  });

  it('an offer made under another consent is 403; an unknown offer is 404', async () => {
    const mine = await checkoutAccess(gw, world, 'dee', 200_000, { order: 'X-1' });
    const theirs = await checkoutAccess(gw, world, 'dee', 200_000, { order: 'X-1' });
    const offer = (await requestOffers(theirs, 200_000, { order: 'X-1' })).body.offers[0]!;
    expectProblem(await originate(mine, offer.id), 403, 'forbidden');
    expectProblem(await originate(mine, 'lof_doesnotexist000000000000'), 404, 'not_found');
    const eli = await checkoutAccess(gw, world, 'eli', 200_000, { order: 'X-1' });
    expectProblem(await originate(eli, offer.id), 404, 'not_found');
  });

  it('a first installment the deposit cannot cover is 409 insufficient_funds, and nothing is written', async () => {
    const own = await newWorld(gw, 'Poor Timing');
    const cam = customerIn(own, 'cam');
    // cam holds 600.00: 550.00 of it goes elsewhere, leaving less than a pay-in-4 first installment.
    await withdraw(gw, cam.depositAccountId, 55_000);
    const merchantBefore = await balance(gw, own.merchantAccountId);
    const access = await checkoutAccess(gw, own, 'cam', 50_000);
    const set = (await requestOffers(access, 50_000)).body;
    const p4 = set.offers.find((o) => o.plan === 'pay_in_4')!;
    expectProblem(await originate(access, p4.id), 409, 'insufficient_funds');
    expect(await gw.services.db.select().from(loans).where(eq(loans.decisionId, set.id))).toEqual([]);
    expect(await balance(gw, own.merchantAccountId)).toBe(merchantBefore);
    expect(await balance(gw, cam.depositAccountId)).toBe(5_000);
    // The consent is still authorised: a monthly plan, with nothing due today, goes through.
    const monthly = set.offers.find((o) => o.plan === 'installments_3')!;
    expect((await originate(access, monthly.id)).status).toBe(201);
    await expectLedgerOk(gw);
  });
});

describe('GET /v1/loans', () => {
  it('lists the app’s loans for the token’s customer, newest first, a page at a time', async () => {
    const own = await newWorld(gw, 'List Shop');
    const a = (await newLoan(gw, own, 'ben', 10_000, 'pay_in_4')).loan;
    gw.clock.advance(1000);
    const b = (await newLoan(gw, own, 'ben', 20_000, 'installments_3')).loan;
    await newLoan(gw, own, 'ava', 30_000, 'installments_6');
    const ben = await loanManager(gw, own, 'ben');
    const page = await ben.call<{ data: { id: string }[]; has_more: boolean }>('GET', '/v1/loans?limit=1');
    expect(page.body.data.map((l) => l.id)).toEqual([b.id]);
    expect(page.body.has_more).toBe(true);
    const next = await ben.call<{ data: { id: string }[]; has_more: boolean }>(
      'GET',
      `/v1/loans?limit=1&starting_after=${b.id}`,
    );
    expect(next.body.data.map((l) => l.id)).toEqual([a.id]);
    expect(next.body.has_more).toBe(false);
    const active = await ben.call<{ data: unknown[] }>('GET', '/v1/loans?status=paid_off');
    expect(active.body.data).toEqual([]);
    // Another customer of the app, or another app, sees nothing of ben's.
    expectProblem(
      await (await loanManager(gw, own, 'ava')).call('GET', `/v1/loans/${a.id}`),
      404,
      'not_found',
    );
    expectProblem(
      await (await loanManager(gw, world, 'ben')).call('GET', `/v1/loans/${a.id}`),
      404,
      'not_found',
    );
  });

  it('needs a token with loans:read; none is 401', async () => {
    const { loan } = await newLoan(gw, world, 'fay', 15_000, 'pay_in_4');
    expectProblem(await gw.client.get(`/v1/loans/${loan.id}`), 401, 'unauthorized');
    expectProblem(await gw.client.get('/v1/loans'), 401, 'unauthorized');
    const noScope = await customerToken(gw, { app: world.app, customer: 'fay', scope: 'consents:read' });
    expectProblem(await noScope.call('GET', `/v1/loans/${loan.id}`), 403, 'insufficient_scope');
    expectProblem(
      await noScope.call('POST', `/v1/loans/${loan.id}/refunds`, {}, { 'Idempotency-Key': 'k' }),
      403,
      'insufficient_scope',
    );
    expectProblem(
      await noScope.call('POST', `/v1/loans/${loan.id}/repayments`, {}, { 'Idempotency-Key': 'k' }),
      403,
      'insufficient_scope',
    );
  });
});
