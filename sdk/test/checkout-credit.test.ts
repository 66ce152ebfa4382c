import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { type Receiver, startReceiver } from '../../gateway/src/products/events/webhooks/test-support.ts';
import {
  AuthenticationError,
  type components,
  type EventType,
  InvalidRequestError,
  type Loan,
  type LoanInstallment,
  Tessera,
  type TesseraEvent,
  type TesseraEventOf,
} from '../src/index.ts';
import { startGateway, type TestGateway } from './gateway.ts';

/**
 * Checkout credit through the SDK only, against a real gateway (Node entry, dispatcher loop
 * running): consent → prequalification → offers → loan → the sandbox clock collects every
 * installment → `loan.paid_off` delivered to a receiver on 127.0.0.1 and verified.
 */
let gw: TestGateway;
let tessera: Tessera;
let receiver: Receiver;
const USD = (amount: number) => ({ amount, currency: 'USD' as const });
const checkoutCredit = (amount: number, order: string) => ({
  type: 'checkout_credit' as const,
  amount,
  currency: 'USD' as const,
  order_reference: order,
});
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const client = () =>
  new Tessera({
    baseUrl: gw.url,
    clientId: gw.demo.clientId,
    clientSecret: gw.demo.clientSecret,
    redirectUri: gw.demo.redirectUri,
  });

/**
 * A customer's session on a DPoP key of its own, as each customer's device would have: the credit
 * engine reads one key acting for more than two customers in 30 days as linked devices (high risk,
 * `fraud_review`), so customers must not share the merchant client's key.
 */
const authorizeOnOwnKey = (...args: Parameters<Tessera['sandbox']['authorize']>) =>
  client().sandbox.authorize(...args);

beforeAll(async () => {
  gw = await startGateway();
  receiver = await startReceiver(() => 204);
  // The merchant's backend: app-level calls (webhooks, the sandbox clock, loans it sold).
  tessera = client();
});
afterAll(async () => {
  await receiver?.close();
  await gw?.close();
});
beforeEach(() => gw.proxy.reset());

/** The deliveries of `type` about a loan (its id, or an installment naming it), once one has arrived. */
async function delivery(type: string, loanId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = receiver.requests.filter((r) => {
      const event = JSON.parse(r.body) as { type: string; data: { object: { id: string; loan?: string } } };
      return event.type === type && (event.data.object.id === loanId || event.data.object.loan === loanId);
    });
    if (found.length) return found;
    if (Date.now() > deadline) throw new Error(`no ${type} delivery for ${loanId} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('checkout credit: the whole journey through the SDK', () => {
  it('consent → prequalify → offers → installments_3 loan → merchant paid → clock collects → paid_off → verified webhook', async () => {
    const endpoint = await tessera.webhookEndpoints.create({
      url: `${receiver.url}/loans`,
      enabled_events: ['loan.created', 'loan.installment_paid', 'loan.paid_off'],
    });

    // The checkout_credit detail brings credit:offers and loans:write; prequalifying needs its own scope.
    const session = await authorizeOnOwnKey('ava', {
      scope: 'credit:prequalify',
      authorizationDetails: [checkoutCredit(60_000, 'order-1')],
    });
    expect(session.scope).toEqual(['credit:offers', 'credit:prequalify', 'loans:write']);

    const prequalification = await session.prequalifications.create();
    expect(prequalification).toMatchObject({
      object: 'prequalification',
      prequalified: true,
      amount: USD(60_000),
    });
    expect(prequalification.plans).toContain('installments_3');

    const set = await session.loanOffers.create({ amount: USD(60_000), order_reference: 'order-1' });
    expect(set).toMatchObject({
      object: 'loan_offer_set',
      decision: 'approved',
      consent: session.consentId,
      amount: USD(60_000),
      order_reference: 'order-1',
    });
    expect(gw.proxy.to('POST', '/v1/loan-offers')[0]!.headers['idempotency-key']).toMatch(UUID_V4);
    const offer = set.offers.find((o) => o.plan === 'installments_3');
    if (!offer) throw new Error(`no installments_3 offer: ${set.offers.map((o) => o.plan)}`);
    expect(offer.disclosure.amount_financed).toEqual(USD(60_000));
    const financeCharge = offer.schedule.reduce((s, i) => s + i.interest, 0);
    expect(offer.disclosure).toMatchObject({
      total_of_payments: USD(offer.schedule.reduce((s, i) => s + i.amount, 0)),
      finance_charge: USD(financeCharge),
    });

    const merchantBefore = await gw.merchantBalance(gw.demo.clientId);
    const loan = await session.loans.create({ offer: offer.id });
    expect(loan).toMatchObject({
      object: 'loan',
      offer: offer.id,
      consent: session.consentId,
      plan: 'installments_3',
      amount: USD(60_000),
      principal_outstanding: USD(60_000),
      status: 'active',
      order_reference: 'order-1',
      // DOMAIN.md: installments_* carry a 3.00% fee, round_half_up(60 000 × 0.03).
      fee: USD(1_800),
      net: USD(58_200),
    });
    expect(loan.schedule.map((i) => [i.amount, i.status])).toEqual(
      offer.schedule.map((row) => [row.amount, 'pending']),
    );
    expect(gw.proxy.to('POST', '/v1/loans')[0]!.headers['idempotency-key']).toMatch(UUID_V4);
    // The purchase less the bank's fee is paid into the merchant account at origination.
    expect(await gw.merchantBalance(gw.demo.clientId)).toBe(merchantBefore + 58_200);

    // The one-off consent is consumed by its loan: a new request for the offer is told it is used.
    await expect(session.loans.create({ offer: offer.id })).rejects.toMatchObject({
      name: 'InvalidRequestError',
      status: 409,
      code: 'offer_already_used',
    });
    // Any other call under the used consent: the token no longer works.
    await expect(session.loans.list().toArray({ limit: 1 })).rejects.toMatchObject({
      name: 'AuthenticationError',
      status: 401,
      code: 'consent_inactive',
    });

    // The merchant follows the loan with its app token; the sandbox clock collects each month.
    expect(await tessera.loans.retrieve(loan.id)).toEqual(loan);
    let current = loan;
    let collected = 0;
    for (let month = 0; current.status === 'active'; month++) {
      if (month === 6) throw new Error(`not paid off after 6 months: ${JSON.stringify(current.schedule)}`);
      const clock = await tessera.sandbox.advanceClock({ days: 31 });
      expect(clock).toMatchObject({ object: 'sandbox_clock', advanced_seconds: 31 * 86_400 });
      collected += clock.collection.collected;
      current = await tessera.loans.retrieve(loan.id);
    }
    expect(collected).toBe(3);
    expect(current).toMatchObject({
      status: 'paid_off',
      principal_outstanding: USD(0),
      payoff_amount: USD(0),
      interest_paid: financeCharge,
      closed_at: expect.any(String),
    });
    expect(current.schedule.every((i) => i.status === 'paid')).toBe(true);
    const paidOff = await tessera.loans.list({ status: 'paid_off' }).toArray({ limit: 100 });
    expect(paidOff.map((l) => l.id)).toContain(loan.id);

    // loan.paid_off reaches the receiver, signed: verified with the endpoint's secret.
    const [raw] = await delivery('loan.paid_off', loan.id);
    const event: TesseraEvent = await tessera.webhooks.verify(raw!.body, raw!.headers, endpoint.secret);
    expect(event.type).toBe('loan.paid_off');
    if (event.type !== 'loan.paid_off') throw new Error('unreachable');
    expectTypeOf(event.data.object).toEqualTypeOf<Loan>();
    expect(event.data.object).toMatchObject({ id: loan.id, object: 'loan', status: 'paid_off' });
    expect(raw!.headers['webhook-id']).toBe(event.id);
    await expect(
      tessera.webhooks.verify(raw!.body, raw!.headers, 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'),
    ).rejects.toMatchObject({ name: 'WebhookVerificationError' });

    // The installments' events carry the installment, which names its loan.
    const installments = await delivery('loan.installment_paid', loan.id);
    const paid = await Promise.all(
      installments.map((r) => tessera.webhooks.verify(r.body, r.headers, endpoint.secret)),
    );
    const numbers = paid.flatMap((e) => (e.type === 'loan.installment_paid' ? [e.data.object.number] : []));
    expect(numbers.sort()).toEqual([1, 2, 3]);
    const created = (await delivery('loan.created', loan.id))[0]!;
    expect(JSON.parse(created.body).data.object).toMatchObject({ id: loan.id, status: 'active' });
  });

  it('eli is declined: decision "declined", no offers, reasons to show him', async () => {
    const eli = await authorizeOnOwnKey('eli', {
      authorizationDetails: [checkoutCredit(60_000, 'order-2')],
    });
    const set = await eli.loanOffers.create({ amount: USD(60_000), order_reference: 'order-2' });
    expect(set).toMatchObject({
      object: 'loan_offer_set',
      decision: 'declined',
      offers: [],
      expires_at: null,
    });
    expect(set.reasons.length).toBeGreaterThan(0);
    expect(set.reasons.map((r) => r.code)).toContain('credit_risk');
    for (const reason of set.reasons) expect(reason.text).toEqual(expect.any(String));
  });
});

describe('offers are single use and expire: typed errors', () => {
  // Loan offers take a checkout_credit consent; a credit_line consent draws on its line instead.
  it('a second acceptance is offer_already_used; early repayment; the merchant refunds', async () => {
    const ben = await authorizeOnOwnKey('ben', {
      scope: 'credit:offers loans:read loans:write',
      authorizationDetails: [
        { type: 'checkout_credit', amount: 30_000, currency: 'USD', order_reference: 'line-1' },
      ],
    });
    const set = await ben.loanOffers.create({ amount: USD(30_000), order_reference: 'line-1' });
    // A monthly plan: nothing is collected at origination.
    const monthly = set.offers.find((o) => o.plan.startsWith('installments_'))!;
    const loan = await ben.loans.create({ offer: monthly.id });
    expect(loan).toMatchObject({ plan: monthly.plan, status: 'active', principal_outstanding: USD(30_000) });

    for (const again of [monthly, set.offers[0]!]) {
      const err = await ben.loans.create({ offer: again.id }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidRequestError);
      expect(err).toMatchObject({ status: 409, code: 'offer_already_used', requestId: expect.any(String) });
    }

    // The merchant refunds part of the purchase; the dropped response is retried with the same key.
    gw.proxy.fail('POST', `/v1/loans/${loan.id}/refunds`, 'forward-then-drop', 1);
    const refund = await tessera.loans.refunds.create(loan.id, {
      amount: USD(10_000),
      reason: 'Returned one item',
    });
    expect(refund).toMatchObject({ object: 'loan_refund', loan: loan.id, amount: USD(10_000) });
    const keys = gw.proxy.to('POST', `/v1/loans/${loan.id}/refunds`).map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    // The checkout consent was consumed by the loan: the app reads and repays it from here on.
    const refunded = await tessera.loans.retrieve(loan.id);
    expect(refunded).toMatchObject({ amount_refunded: 10_000, principal_outstanding: USD(20_000) });

    // The rest is repaid early (no amount: payoff_amount).
    const repayment = await tessera.loans.repayments.create(loan.id);
    expect(repayment).toMatchObject({ object: 'loan_repayment', loan: loan.id, amount: USD(20_000) });
    expect(gw.proxy.to('POST', `/v1/loans/${loan.id}/repayments`)[0]!.headers['idempotency-key']).toMatch(
      UUID_V4,
    );
    expect(await tessera.loans.retrieve(loan.id)).toMatchObject({ status: 'paid_off' });
    await expect(tessera.loans.repayments.create(loan.id)).rejects.toMatchObject({
      name: 'InvalidRequestError',
      code: 'loan_not_active',
    });
    // The consumed consent's session is refused as such, not as an unknown token.
    await expect(ben.loans.retrieve(loan.id)).rejects.toMatchObject({ code: 'consent_inactive' });
  });

  it('an offer accepted 10 minutes after issue (sandbox clock) is offer_expired', async () => {
    const cam = await authorizeOnOwnKey('cam', {
      authorizationDetails: [checkoutCredit(20_000, 'order-3')],
    });
    const set = await cam.loanOffers.create({ amount: USD(20_000), order_reference: 'order-3' });
    expect(set.decision).toBe('approved');
    await tessera.sandbox.advanceClock({ seconds: 600 });
    const err = await cam.loans.create({ offer: set.offers[0]!.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err).toMatchObject({ status: 409, code: 'offer_expired' });
    expect(err).not.toBeInstanceOf(AuthenticationError);
  });

  it('loans.list auto-paginates the app’s loans (limit 1, starting_after = the last id)', async () => {
    const all = (await tessera.loans.list({ limit: 100 })).data.map((l) => l.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    gw.proxy.reset();
    const walked: string[] = [];
    for await (const loan of tessera.loans.list({ limit: 1 })) walked.push(loan.id);
    expect(walked).toEqual(all);
    const cursors = gw.proxy
      .to('GET', '/v1/loans')
      .map((r) => new URL(r.path, gw.url).searchParams.get('starting_after'))
      // A page the SDK retried (a 429 from the sandbox plan on a busy machine) is asked for twice.
      .filter((cursor, i, list) => i === 0 || cursor !== list[i - 1]);
    expect(cursors).toEqual([null, ...all.slice(0, -1)]);
  });
});

describe('types', () => {
  it('TesseraEvent covers exactly the document’s event types, loan.* with the generated schemas', () => {
    type Subscribable = Exclude<
      components['schemas']['CreateWebhookEndpoint']['enabled_events'][number],
      '*'
    >;
    expectTypeOf<EventType>().toEqualTypeOf<Subscribable>();
    expectTypeOf<TesseraEventOf<'loan.created'>['data']['object']>().toEqualTypeOf<Loan>();
    expectTypeOf<TesseraEventOf<'loan.refunded'>['data']['object']>().toEqualTypeOf<Loan>();
    expectTypeOf<
      TesseraEventOf<'loan.installment_paid'>['data']['object']
    >().toEqualTypeOf<LoanInstallment>();
    expectTypeOf<
      TesseraEventOf<'loan.installment_missed'>['data']['object']
    >().toEqualTypeOf<LoanInstallment>();
    // advanceClock takes days or seconds, not both.
    // @ts-expect-error both at once is refused at compile time
    const both: Parameters<Tessera['sandbox']['advanceClock']>[0] = { days: 1, seconds: 1 };
    expect(both).toBeDefined();
  });
});
