import { describe, expect, it } from 'vitest';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import { eventsOf, ledgerCheckedGateway, newWorld, usd, type World, withdraw } from '../loans/test-support';
import type { CreditLineObject } from './service/internal/objects';
import { drawOn, payInto, paymentsOf } from './statement-testing';
import { expectLineOk, openTestLine, type TestLine } from './test-support';

let gw: TestGateway;
let world: World;
ledgerCheckedGateway(async (created) => {
  gw = created;
  world = await newWorld(gw, 'Pay Rides');
});

async function lineNow(t: TestLine): Promise<CreditLineObject> {
  return (await t.access.call<CreditLineObject>('GET', `/v1/credit-lines/${t.line.id}`)).body;
}

describe('POST /v1/credit-lines/{id}/payments (early payment)', () => {
  it('takes the amount from the customer’s account at once: the balance falls and available credit returns', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    await drawOn(t, 30_000);
    const depositBefore = await balance(gw, t.line.depositAccountId);
    const res = await payInto(t, 12_000);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      object: 'credit_line_payment',
      credit_line: t.line.id,
      amount: usd(12_000),
      source: 'partner',
      livemode: false,
      created_at: '2026-11-22T10:00:00Z',
    });
    expect(await balance(gw, t.line.depositAccountId)).toBe(depositBefore - 12_000);
    const line = await lineNow(t);
    expect(line.balance).toEqual(usd(18_000));
    expect(line.available.amount).toBe(line.credit_limit.amount - 18_000);
    expect(await paymentsOf(t)).toEqual([res.body]);
    const received = (await eventsOf(gw, world.app.id)).filter(
      (e) => e.type === 'credit_line.payment_received',
    );
    expect(received.map((e) => e.object)).toContainEqual(res.body);
    await expectLineOk(gw, t.line.id);
  });

  it('is at most the balance: more is 409 payment_exceeds_balance and nothing moves', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    expectProblem(await payInto(t, 1), 409, 'payment_exceeds_balance');
    await drawOn(t, 5_000);
    const depositBefore = await balance(gw, t.line.depositAccountId);
    const res = await payInto(t, 5_001);
    expectProblem(res, 409, 'payment_exceeds_balance');
    expect(res.body.errors?.[0]?.path).toBe('amount.amount');
    expect(await balance(gw, t.line.depositAccountId)).toBe(depositBefore);
    expect((await lineNow(t)).balance).toEqual(usd(5_000));
    expect(await paymentsOf(t)).toEqual([]);
    expect((await payInto(t, 5_000)).status).toBe(201);
    expect((await lineNow(t)).balance).toEqual(usd(0));
    await expectLineOk(gw, t.line.id);
  });

  it('needs the funds in the customer’s account: 409 insufficient_funds and nothing moves', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    await drawOn(t, 8_000);
    await withdraw(gw, t.line.depositAccountId, (await balance(gw, t.line.depositAccountId)) - 7_999);
    expectProblem(await payInto(t, 8_000), 409, 'insufficient_funds');
    expect(await balance(gw, t.line.depositAccountId)).toBe(7_999);
    expect((await lineNow(t)).balance).toEqual(usd(8_000));
    await expectLineOk(gw, t.line.id);
  });

  it('is in the line’s currency: another is 400 invalid_request at amount.currency', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    await drawOn(t, 3_000);
    const res = await t.access.call<{ code: string; errors?: { path: string }[] }>(
      'POST',
      `/v1/credit-lines/${t.line.id}/payments`,
      { amount: { amount: 1_000, currency: 'EUR' } },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expectProblem(res, 400, 'invalid_request');
    expect(res.body.errors?.[0]?.path).toBe('amount.currency');
    expect((await lineNow(t)).balance).toEqual(usd(3_000));
  });

  it('a replay with the same Idempotency-Key answers the stored payment and takes nothing more', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    await drawOn(t, 9_000);
    const first = await payInto(t, 4_000, 'pay-7');
    const again = await payInto(t, 4_000, 'pay-7');
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await lineNow(t)).balance).toEqual(usd(5_000));
    expectProblem(await payInto(t, 3_000, 'pay-7'), 422, 'idempotency_key_reused');
    const res = await t.access.call('POST', `/v1/credit-lines/${t.line.id}/payments`, { amount: usd(1_000) });
    expectProblem(res, 400, 'idempotency_key_missing');
    await expectLineOk(gw, t.line.id);
  });
});
