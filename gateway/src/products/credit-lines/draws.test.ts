import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceTransactions, creditDecisions, creditLines, repayments } from '../../db/schema';
import { DAY_MS } from '../../platform/clock';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import {
  eventsOf,
  expectLedgerOk,
  loansGateway,
  newWorld,
  type Problem,
  requestOffers,
  usd,
  type World,
} from '../loans/test-support';
import type {
  CreditLineDrawObject,
  CreditLineObject,
  CreditLineRefundObject,
} from './service/internal/objects';
import { expectLineOk, openTestLine, type TestLine } from './test-support';

let gw: TestGateway;
let world: World;

beforeAll(async () => {
  gw = await loansGateway();
  world = await newWorld(gw, 'Ride Co', { ava: 'champion', ben: 'champion' });
});
afterAll(async () => {
  await expectLedgerOk(gw);
  gw.close();
});

type Draw = CreditLineDrawObject & Problem;

function draw(t: TestLine, amount: number, opts: { key?: string; order?: string; country?: string } = {}) {
  return t.access.call<Draw>(
    'POST',
    `/v1/credit-lines/${t.line.id}/draws`,
    {
      amount: usd(amount),
      order_reference: opts.order ?? 'RIDE-1',
      ...(opts.country ? { risk_context: { country: opts.country } } : {}),
    },
    { 'Idempotency-Key': opts.key ?? crypto.randomUUID() },
  );
}

function refund(t: TestLine, drawId: string, amount?: number) {
  return t.access.call<CreditLineRefundObject & Problem>(
    'POST',
    `/v1/credit-lines/${t.line.id}/draws/${drawId}/refunds`,
    amount === undefined ? {} : { amount: usd(amount) },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
}

async function lineNow(t: TestLine): Promise<CreditLineObject> {
  const res = await t.access.call<CreditLineObject>('GET', `/v1/credit-lines/${t.line.id}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);

describe('draws at the moment of purchase (DOMAIN.md "Credit lines")', () => {
  it('a draw within the available limit is approved, pays the merchant at once and lowers what is available', async () => {
    const t = await openTestLine(gw, 'ava', { world, via: 'shortcut' });
    const merchantBefore = await balance(gw, world.merchantAccountId);
    const res = await draw(t, 2_500);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      object: 'credit_line_draw',
      status: 'approved',
      amount: usd(2_500),
      instant_boost: null,
      // DOMAIN.md "Merchant money": 2.50% of 25.00 is 0.625, half-up 0.63.
      fee: usd(63),
      net: usd(2_437),
      strategy_version: 'checkout-2026.1',
      experiment_arm: 'champion',
      model_version: 'scorecard-2026.1',
    });
    expect(codes(res.body).slice(0, 3)).toEqual(['score_ok', 'within_limit', 'risk_acceptable']);
    expect(await balance(gw, world.merchantAccountId)).toBe(merchantBefore + 2_437);
    const [txn] = await gw.services.db
      .select()
      .from(balanceTransactions)
      .where(eq(balanceTransactions.source, res.body.id));
    expect(txn).toMatchObject({ type: 'draw_disbursement', amount: 2_500, fee: 63, net: 2_437 });
    expect(await lineNow(t)).toMatchObject({ balance: usd(2_500), available: usd(947_000 - 2_500) });
    // The decision is stored with its reasons, versions and arm.
    const [decision] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.id, res.body.decision));
    expect(decision).toMatchObject({
      kind: 'draw',
      product: 'credit_line',
      outcome: 'approved',
      amount: 2_500,
      strategyVersion: 'checkout-2026.1',
      experimentArm: 'champion',
      consentId: t.access.consentId,
    });
    expect(decision!.reasons.map((r) => r.code)).toEqual(codes(res.body));
    const types = (await eventsOf(gw, world.app.id)).map((e) => e.type);
    expect(types).toContain('credit_line.draw_approved');
    await expectLineOk(gw, t.line.id);
  });

  it('a replay with the same Idempotency-Key answers the stored draw and draws nothing more', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    const first = await draw(t, 1_000, { key: 'ride-42' });
    const again = await draw(t, 1_000, { key: 'ride-42' });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await lineNow(t)).balance).toEqual(usd(1_000));
    expectProblem(await draw(t, 2_000, { key: 'ride-42' }), 422, 'idempotency_key_reused');
    await expectLineOk(gw, t.line.id);
  });

  // Each of these draws nearly all of ava's credit, so each has a world of its own: what she owes on
  // one line is outstanding platform credit that lowers the limit of the next.
  it('instant boost: a draw at most 20% over what is available raises the line to cover it and says so', async () => {
    const own = await newWorld(gw, 'Boost Rides', { ava: 'champion' });
    const t = await openTestLine(gw, 'ava', {
      world: own,
      via: 'shortcut',
      instantBoost: true,
      maxDraw: 950_000,
    });
    expect((await draw(t, 900_000)).body.status).toBe('approved');
    // 470.00 available; 500.00 is 30.00 over, within 20% of 470.00 (94.00).
    const boosted = await draw(t, 50_000);
    expect(boosted.status, boosted.text).toBe(201);
    expect(boosted.body).toMatchObject({
      status: 'approved',
      instant_boost: { from: usd(947_000), to: usd(950_000) },
    });
    expect(codes(boosted.body)).toContain('instant_boost');
    expect(await lineNow(t)).toMatchObject({
      credit_limit: usd(950_000),
      balance: usd(950_000),
      available: usd(0),
    });
    const changed = (await eventsOf(gw, own.app.id)).filter(
      (e) => e.type === 'credit_line.limit_changed' && e.object.id === t.line.id,
    );
    expect(changed.map((e) => e.object.credit_limit)).toEqual([usd(950_000)]);
    await expectLineOk(gw, t.line.id);
  });

  it('a draw more than 20% over what is available is declined amount_above_limit, above_boost_margin', async () => {
    const own = await newWorld(gw, 'Margin Rides', { ava: 'champion' });
    const t = await openTestLine(gw, 'ava', {
      world: own,
      via: 'shortcut',
      instantBoost: true,
      maxDraw: 950_000,
    });
    await draw(t, 900_000);
    const merchantBefore = await balance(gw, own.merchantAccountId);
    // 470.00 available; 600.00 is 130.00 over, more than 94.00.
    const res = await draw(t, 60_000);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'declined', instant_boost: null, net: usd(0) });
    expect(codes(res.body).slice(0, 2)).toEqual(['amount_above_limit', 'above_boost_margin']);
    expect(await balance(gw, own.merchantAccountId)).toBe(merchantBefore);
    expect((await lineNow(t)).credit_limit).toEqual(usd(947_000));
    const declined = (await eventsOf(gw, own.app.id)).filter(
      (e) => e.type === 'credit_line.draw_declined' && e.object.id === res.body.id,
    );
    expect(declined).toHaveLength(1);
    await expectLineOk(gw, t.line.id);
  });

  it('without instant_boost consented a draw over what is available is declined instant_boost_not_consented', async () => {
    const own = await newWorld(gw, 'Plain Rides', { ava: 'champion' });
    const t = await openTestLine(gw, 'ava', {
      world: own,
      via: 'shortcut',
      instantBoost: false,
      maxDraw: 950_000,
    });
    await draw(t, 900_000);
    const res = await draw(t, 50_000);
    expect(res.body.status).toBe('declined');
    expect(codes(res.body).slice(0, 2)).toEqual(['amount_above_limit', 'instant_boost_not_consented']);
    await expectLineOk(gw, t.line.id);
  });

  it('a draw is declined credit_risk once the customer’s file no longer meets the policy', async () => {
    const own = await newWorld(gw, 'Late Rides', { ava: 'champion' });
    const t = await openTestLine(gw, 'ava', { world: own, via: 'shortcut' });
    // Six repayments more than 30 days overdue: late_payments 6, pd well above 0.10.
    const due = new Date(gw.clock.now().getTime() - 60 * DAY_MS);
    await gw.services.db.insert(repayments).values(
      [1, 2, 3, 4, 5, 6].map((n) => ({
        id: `rep_late${n}${t.line.id.slice(3, 15)}`,
        customerId: t.line.customerId,
        customerAccountId: t.line.customerAccountId,
        amount: 2_500,
        currency: 'USD',
        dueAt: due,
        paidAt: null,
      })),
    );
    const res = await draw(t, 1_000);
    expect(res.body.status).toBe('declined');
    expect(codes(res.body)[0]).toBe('credit_risk');
    expect(codes(res.body)).toContain('late_payments');
    expect((await lineNow(t)).balance).toEqual(usd(0));
    await expectLineOk(gw, t.line.id);
  });

  it('a draw above the consent’s max_draw_amount is 400 and draws nothing', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut', maxDraw: 10_000 });
    const res = await draw(t, 10_001);
    expectProblem(res, 400, 'invalid_request');
    expect(res.body.errors?.[0]?.path).toBe('amount.amount');
    expect((await lineNow(t)).balance).toEqual(usd(0));
  });
});

describe('refunds of draws', () => {
  it('a refund restores available credit, takes the money back from the merchant and returns the fee pro rata', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    const d = (await draw(t, 4_000)).body;
    const merchantBefore = await balance(gw, world.merchantAccountId);
    expect(d.fee).toEqual(usd(100));
    const part = await refund(t, d.id, 1_500);
    expect(part.status, part.text).toBe(201);
    // The fee back: 100 × 1,500 / 4,000 = 37.5, half-up 38.
    expect(part.body).toMatchObject({
      object: 'credit_line_refund',
      amount: usd(1_500),
      fee: usd(38),
      draw: d.id,
    });
    expect(await balance(gw, world.merchantAccountId)).toBe(merchantBefore - 1_462);
    const line = await lineNow(t);
    expect(line.balance).toEqual(usd(2_500));
    expect(line.available.amount).toBe(line.credit_limit.amount - 2_500);
    const rest = await refund(t, d.id);
    // The refund that completes the refunds returns what is left of the fee.
    expect(rest.body).toMatchObject({ amount: usd(2_500), fee: usd(62) });
    expect(await balance(gw, world.merchantAccountId)).toBe(merchantBefore - 4_000 + 100);
    expect((await lineNow(t)).available).toEqual((await lineNow(t)).credit_limit);
    const stored = await t.access.call<Draw>('GET', `/v1/credit-lines/${t.line.id}/draws/${d.id}`);
    expect(stored.body.amount_refunded).toEqual(usd(4_000));
    expectProblem(await refund(t, d.id, 1), 409, 'refund_exceeds_draw');
    await expectLineOk(gw, t.line.id);
  });

  it('a declined draw cannot be refunded: 409 draw_not_refundable', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut', maxDraw: 2_000_000 });
    const d = (await draw(t, 2_000_000)).body;
    expect(d.status).toBe('declined');
    expectProblem(await refund(t, d.id), 409, 'draw_not_refundable');
  });
});

describe('a credit line’s consent and its line', () => {
  it('lists and retrieves the consent’s line; draws list newest first', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    const first = (await draw(t, 1_000, { order: 'A' })).body;
    gw.clock.advance(1_000);
    const second = (await draw(t, 1_200, { order: 'B' })).body;
    const lines = await t.access.call<{ data: CreditLineObject[]; has_more: boolean }>(
      'GET',
      '/v1/credit-lines',
    );
    expect(lines.body.data.map((l) => l.id)).toEqual([t.line.id]);
    const draws = await t.access.call<{ data: Draw[] }>('GET', `/v1/credit-lines/${t.line.id}/draws?limit=1`);
    expect(draws.body.data.map((d) => d.id)).toEqual([second.id]);
    const next = await t.access.call<{ data: Draw[] }>(
      'GET',
      `/v1/credit-lines/${t.line.id}/draws?starting_after=${second.id}`,
    );
    expect(next.body.data.map((d) => d.id)).toEqual([first.id]);
  });

  it('another consent’s line is 404, even for the same customer and app', async () => {
    const mine = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    const other = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    expectProblem(await mine.access.call('GET', `/v1/credit-lines/${other.line.id}`), 404, 'not_found');
    expectProblem(await draw({ ...mine, line: other.line }, 1_000), 404, 'not_found');
  });

  it('a credit_line consent used with POST /v1/loan-offers is 403, pointing to draws', async () => {
    const t = await openTestLine(gw, 'ben', {
      world,
      via: 'shortcut',
      scope: 'credit_lines:read credit:offers',
    });
    const res = await requestOffers(t.access, 1_000);
    expectProblem(res, 403, 'forbidden');
    expect(res.body.detail).toContain('/v1/credit-lines/{id}/draws');
  });

  it('a line the bank closed takes no draws: 409 credit_line_closed', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    await gw.services.db
      .update(creditLines)
      .set({ status: 'closed', closedAt: gw.clock.now() })
      .where(eq(creditLines.id, t.line.id));
    expectProblem(await draw(t, 1_000), 409, 'credit_line_closed');
  });

  it('revoking the consent closes the line (credit_line.closed); its balance is still owed', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    await draw(t, 3_000);
    const revoked = await t.access.call('DELETE', `/v1/consents/${t.access.consentId}`);
    expect(revoked.status, revoked.text).toBe(200);
    const [line] = await gw.services.db.select().from(creditLines).where(eq(creditLines.id, t.line.id));
    expect(line).toMatchObject({ status: 'closed', balance: 3_000 });
    const closed = (await eventsOf(gw, world.app.id)).filter(
      (e) => e.type === 'credit_line.closed' && e.object.id === t.line.id,
    );
    expect(closed.map((e) => e.object.status)).toEqual(['closed']);
    expectProblem(await draw(t, 1_000), 401, 'consent_inactive');
    await expectLineOk(gw, t.line.id);
  });
});
