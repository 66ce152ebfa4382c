import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditLinePayments } from '../../db/schema';
import { FormBrowser } from '../../testing/form-browser';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import { expectLedgerOk, loansGateway, newWorld, usd, type World } from '../loans/test-support';
import type { CreditLineObject } from './service/internal/objects';
import { advance, drawOn, paymentsOf } from './statement-testing';
import { expectLineOk, openTestLine, type TestLine } from './test-support';

let gw: TestGateway;
let world: World;
beforeAll(async () => {
  gw = await loansGateway();
  world = await newWorld(gw, 'Page Rides');
});
afterAll(async () => {
  await expectLedgerOk(gw);
  gw.close();
});

/** A browser signed in (password and one-time code) as a sandbox customer of the world. */
async function signIn(login: string): Promise<FormBrowser> {
  const b = new FormBrowser((req) => gw.app.fetch(req));
  const page = await b.open(`/account/login?sandbox=${world.sandboxId}`);
  const otp = await b.submit(page.html, { username: login, password: 'sandbox' });
  const dashboard = await b.submit(otp.html, { code: '123456' });
  expect(dashboard.html).toContain('href="/account/credit-lines"');
  return b;
}

const balanceOf = async (t: TestLine) =>
  (await t.access.call<CreditLineObject>('GET', `/v1/credit-lines/${t.line.id}`)).body.balance;

const pageOf = (t: TestLine) => `/account/credit-lines/${t.line.id}`;

describe('the customer’s credit-line pages (pay early on the bank’s pages)', () => {
  it('list the customer’s lines from /account/consents and show statements, payments and what is due', async () => {
    const t = await openTestLine(gw, 'ava', { world, via: 'shortcut' });
    await drawOn(t, 12_345);
    await advance(gw, world, { days: 31 });
    const b = await signIn('ava');
    const list = await b.open('/account/credit-lines');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="${pageOf(t)}"`);
    const page = await b.open(pageOf(t));
    expect(page.status).toBe(200);
    expect(page.html).toContain('$123.45');
    expect(page.html).toContain('Your latest statement asks for at least $25.00');
    expect(page.html).toContain('name="csrf"');
  });

  it('a payment from the form lowers the balance at once, from the customer’s account, once per form', async () => {
    const t = await openTestLine(gw, 'ben', { world, via: 'shortcut' });
    await drawOn(t, 20_000);
    const b = await signIn('ben');
    const page = await b.open(pageOf(t));
    const depositBefore = await balance(gw, t.line.depositAccountId);
    const paid = await b.submit(page.html, { amount: '75.50' });
    expect(paid.status).toBe(200);
    expect(paid.html).toContain('Payment received');
    expect(await balanceOf(t)).toEqual(usd(12_450));
    expect(await balance(gw, t.line.depositAccountId)).toBe(depositBefore - 7_550);
    expect((await paymentsOf(t)).map((p) => p.source)).toEqual(['customer']);
    // The same form sent again (a double click, a reload) pays nothing more.
    const again = await b.submit(page.html, { amount: '75.50' });
    expect(again.html).toContain('already received');
    expect(await balanceOf(t)).toEqual(usd(12_450));
    await expectLineOk(gw, t.line.id);
  });

  it('refuses a form without the session’s CSRF token (403), more than is owed, or an amount that is not one, and takes nothing', async () => {
    const t = await openTestLine(gw, 'ava', { world, via: 'shortcut' });
    await drawOn(t, 5_000);
    const b = await signIn('ava');
    const page = await b.open(pageOf(t));
    const forged = await b.submit(page.html, { amount: '10.00', csrf: 'forged' });
    expect(forged.status).toBe(403);
    const over = await b.submit(page.html, { amount: '50.01' });
    expect(over.status).toBe(409);
    expect(over.html).toContain('role="alert"');
    const nonsense = await b.submit(page.html, { amount: 'ten' });
    expect(nonsense.status).toBe(400);
    expect(await balanceOf(t)).toEqual(usd(5_000));
    expect(await paymentsOf(t)).toEqual([]);
  });

  it('another customer’s line is not found, and a closed line that still owes something takes payments', async () => {
    const t = await openTestLine(gw, 'ava', { world, via: 'shortcut' });
    await drawOn(t, 4_000);
    const ben = await signIn('ben');
    expect((await ben.open(pageOf(t))).status).toBe(404);
    // The partner's consent ends: the line closes, its balance still repays.
    expect((await t.access.call('DELETE', `/v1/consents/${t.access.consentId}`)).status).toBe(200);
    const ava = await signIn('ava');
    const page = await ava.open(pageOf(t));
    expect(page.html).toContain('Closed');
    const paid = await ava.submit(page.html, { amount: '40.00' });
    expect(paid.html).toContain('Payment received');
    const rows = await gw.services.db
      .select()
      .from(creditLinePayments)
      .where(eq(creditLinePayments.lineId, t.line.id));
    expect(rows.map((p) => [p.source, p.amount])).toEqual([['customer', 4_000]]);
    expect(await balance(gw, t.line.receivableAccountId)).toBe(0);
    await expectLineOk(gw, t.line.id);
  });
});
