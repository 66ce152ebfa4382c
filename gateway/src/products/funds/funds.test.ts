import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journals } from '../../db/schema';
import { balanceOf, checkLedgerInvariants } from '../../platform/ledger';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type CustomerAccess, customerAccess } from '../../testing/oauth';
import { fundsRouter } from '.';

let gw: TestGateway;

beforeAll(async () => {
  gw = await createTestGateway();
  gw.app.route('/', fundsRouter());
});
afterAll(async () => {
  expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  gw.close();
});

type Confirmation = { object: string; funds_available: boolean; amount: unknown; created_at: string };

const confirm = (access: CustomerAccess, amount: number, currency = 'USD') =>
  access.call<Confirmation & { code: string }>('POST', '/v1/funds-confirmations', {
    amount: { amount, currency },
  });

const funds = (customer: string) => customerAccess(gw, { customer, scope: 'funds:confirm' });

describe('POST /v1/funds-confirmations', () => {
  it('answers yes up to the balance and no above it (ava holds 12,000.00)', async () => {
    const ava = await funds('ava');
    const yes = await confirm(ava, 1_200_000);
    expect(yes.status).toBe(200);
    expect(yes.body).toEqual({
      object: 'funds_confirmation',
      funds_available: true,
      amount: { amount: 1_200_000, currency: 'USD' },
      created_at: '2026-11-22T10:00:00Z',
    });
    expect((await confirm(ava, 1_200_001)).body.funds_available).toBe(false);
    expect((await confirm(ava, 1)).body.funds_available).toBe(true);
  });

  it('answers no for eli (200.00) at 200.01, and for a currency the customer holds no account in', async () => {
    const eli = await funds('eli');
    expect((await confirm(eli, 20_000)).body.funds_available).toBe(true);
    expect((await confirm(eli, 20_001)).body.funds_available).toBe(false);
    expect((await confirm(eli, 1, 'EUR')).body.funds_available).toBe(false);
  });

  it('never discloses the balance, and moves or writes nothing', async () => {
    const ava = await funds('ava');
    const deposit = gw.seed.customers.find((c) => c.login === 'ava')!.depositAccountId;
    const balance = (await balanceOf(gw.services.db, deposit))!;
    const journalsBefore = (await gw.services.db.select().from(journals)).length;
    // Amounts other than the balance, so any figure of it in a response would be a leak.
    for (const amount of [1, 700_000, 1_300_000]) {
      const res = await confirm(ava, amount);
      expect(Object.keys(res.body).sort()).toEqual(['amount', 'created_at', 'funds_available', 'object']);
      expect(res.text).not.toMatch(/balance/i);
      expect(res.text).not.toContain(String(balance));
      expect(res.text).not.toContain('12000');
      expect(res.text.replace(String(amount), '').replace(res.body.created_at, '')).not.toMatch(/\d/);
    }
    expect(await balanceOf(gw.services.db, deposit)).toBe(balance);
    expect((await gw.services.db.select().from(journals)).length).toBe(journalsBefore);
  });

  it('validates the amount', async () => {
    const ava = await funds('ava');
    const res = await ava.call<{ code: string; errors: { path: string }[] }>(
      'POST',
      '/v1/funds-confirmations',
      {
        amount: { amount: -5, currency: 'USD' },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    expect(res.body.errors[0]?.path).toBe('amount.amount');
    expect((await ava.call<{ code: string }>('POST', '/v1/funds-confirmations', {})).body.code).toBe(
      'invalid_request',
    );
  });

  it('needs a token (401), the funds:confirm scope (403) and a live consent (401 consent_inactive)', async () => {
    const none = await gw.client.post<{ code: string }>('/v1/funds-confirmations', {
      amount: { amount: 1, currency: 'USD' },
    });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthorized');

    const payments = await customerAccess(gw, {
      authorization_details: [
        { type: 'payment_initiation', instructed_amount: { amount: 100, currency: 'USD' } },
      ],
    });
    const wrong = await confirm(payments, 1);
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('insufficient_scope');
    expect(wrong.headers.get('WWW-Authenticate')).toContain('scope="funds:confirm"');

    const revoked = await funds('ava');
    expect((await revoked.call('DELETE', `/v1/consents/${revoked.consentId}`)).status).toBe(200);
    const after = await confirm(revoked, 1);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('consent_inactive');
  });
});
