import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedgerInvariants } from '../../platform/ledger';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import type { CustomerAccess } from '../../testing/oauth';
import type { PaymentObject } from './service/internal/objects';
import { pay, payer, paymentsGateway, standing } from './test-support';

let gw: TestGateway;
let ava: CustomerAccess;
/** ava's payments through the app, oldest first; the 4th failed (over the per-payment max). */
const made: PaymentObject[] = [];

type Page = { object: 'list'; data: PaymentObject[]; has_more: boolean };

beforeAll(async () => {
  gw = await paymentsGateway();
  ava = await payer(gw, { details: standing(10_000, 1_000_000, 'month') });
  for (const amount of [100, 200, 300, 10_001, 500, 600]) {
    made.push((await pay(ava, amount)).body);
    gw.clock.advance(30_000);
  }
  // Another customer of the same app, whose payments ava's token must never list.
  const ben = await payer(gw, { app: ava.app, customer: 'ben', details: standing(10_000, 100_000, 'day') });
  await pay(ben, 700);
});
afterAll(async () => {
  expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  gw.close();
});

const ids = (page: Page) => page.data.map((p) => p.id);
const newestFirst = () => [...made].reverse().map((p) => p.id);

describe('GET /v1/payments', () => {
  it("lists the token's customer's payments with this app, newest first", async () => {
    const res = await ava.call<Page>('GET', '/v1/payments');
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('list');
    expect(ids(res.body)).toEqual(newestFirst());
    expect(res.body.has_more).toBe(false);
  });

  it('pages with limit, starting_after and ending_before', async () => {
    const first = (await ava.call<Page>('GET', '/v1/payments?limit=2')).body;
    expect(ids(first)).toEqual(newestFirst().slice(0, 2));
    expect(first.has_more).toBe(true);
    const second = (await ava.call<Page>('GET', `/v1/payments?limit=2&starting_after=${ids(first)[1]}`)).body;
    expect(ids(second)).toEqual(newestFirst().slice(2, 4));
    const third = (await ava.call<Page>('GET', `/v1/payments?limit=2&starting_after=${ids(second)[1]}`)).body;
    expect(ids(third)).toEqual(newestFirst().slice(4, 6));
    expect(third.has_more).toBe(false);
    const back = (await ava.call<Page>('GET', `/v1/payments?limit=2&ending_before=${ids(third)[0]}`)).body;
    expect(ids(back)).toEqual(ids(second));
  });

  it('filters by status and by created[gte] / created[lte]', async () => {
    const failed = (await ava.call<Page>('GET', '/v1/payments?status=failed')).body;
    expect(ids(failed)).toEqual([made[3]!.id]);
    const succeeded = (await ava.call<Page>('GET', '/v1/payments?status=succeeded')).body;
    expect(succeeded.data).toHaveLength(5);

    const from = encodeURIComponent(made[1]!.created_at);
    const to = encodeURIComponent(made[3]!.created_at);
    const window = (await ava.call<Page>('GET', `/v1/payments?created[gte]=${from}&created[lte]=${to}`)).body;
    expect(ids(window)).toEqual([made[3]!.id, made[2]!.id, made[1]!.id]);
    const both = (
      await ava.call<Page>('GET', `/v1/payments?status=succeeded&created[gte]=${from}&created[lte]=${to}`)
    ).body;
    expect(ids(both)).toEqual([made[2]!.id, made[1]!.id]);
    // RFC 3339 with an offset names the same instant.
    const offset = encodeURIComponent('2026-11-22T11:01:00+01:00'); // 10:01:00Z, the 3rd payment
    expect(ids((await ava.call<Page>('GET', `/v1/payments?created[lte]=${offset}`)).body)).toEqual([
      made[2]!.id,
      made[1]!.id,
      made[0]!.id,
    ]);
  });

  it('refuses malformed filters and cursors with 400 invalid_request', async () => {
    expectProblem(await ava.call('GET', '/v1/payments?created[gte]=yesterday'), 400, 'invalid_request');
    expectProblem(await ava.call('GET', '/v1/payments?status=pending'), 400, 'invalid_request');
    expectProblem(await ava.call('GET', '/v1/payments?limit=101'), 400, 'invalid_request');
    expectProblem(
      await ava.call('GET', '/v1/payments?starting_after=pay_notInThisList0000000000'),
      400,
      'invalid_request',
    );
  });

  it("never lists another app's payments", async () => {
    const other = await payer(gw, { details: standing(10_000, 100_000, 'day') });
    const res = await other.call<Page>('GET', '/v1/payments');
    expect(res.body.data).toEqual([]);
    expectProblem(
      await other.call('GET', `/v1/payments?starting_after=${made[0]!.id}`),
      400,
      'invalid_request',
    );
  });
});
