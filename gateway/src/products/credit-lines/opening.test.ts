import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  consents,
  creditDecisions,
  creditInquiries,
  creditLines,
  customerAccounts,
  ledgerAccounts,
} from '../../db/schema';
import type { TestGateway } from '../../testing/harness';
import {
  customerIn,
  eventsOf,
  ledgerCheckedGateway,
  newWorld,
  sharedDeviceKey,
  startHostedCheckout,
  type World,
} from '../loans/test-support';
import { expectLineOk, lineDetail, openTestLine } from './test-support';

let gw: TestGateway;
let world: World;

ledgerCheckedGateway(async (created) => {
  gw = created;
  world = await newWorld(gw, 'Ride Co', { ava: 'champion' });
});

describe('opening a credit line (DOMAIN.md "Credit lines")', () => {
  it('opens at the limit formula and the pd’s APR tier, with a hard inquiry and a credit_line account', async () => {
    const { line, access } = await openTestLine(gw, 'ava', { world, via: 'shortcut', instantBoost: true });
    // ava: min(10,000.00, 3 × 8,500.00) × (1 − 8 × 0.0065) floored to 10.00 = 9,470.00 at 9.99%.
    expect(line).toMatchObject({
      creditLimit: 947_000,
      apr: 0.0999,
      balance: 0,
      status: 'open',
      instantBoost: true,
    });
    expect(line.consentId).toBe(access.consentId);
    const [decision] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.id, line.decisionId));
    expect(decision).toMatchObject({
      kind: 'line_opening',
      product: 'credit_line',
      outcome: 'approved',
      consentId: access.consentId,
    });
    const [account] = await gw.services.db
      .select()
      .from(customerAccounts)
      .where(eq(customerAccounts.id, line.customerAccountId));
    expect(account).toMatchObject({
      kind: 'credit_line',
      creditLimit: 947_000,
      currentBalance: 0,
      closedAt: null,
    });
    const [receivable] = await gw.services.db
      .select()
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.id, line.receivableAccountId));
    expect(receivable).toMatchObject({ type: 'loan_receivable', ownerType: 'credit_line', ownerId: line.id });
    const hard = await gw.services.db
      .select()
      .from(creditInquiries)
      .where(
        and(
          eq(creditInquiries.customerId, customerIn(world, 'ava').id),
          eq(creditInquiries.kind, 'hard'),
          eq(creditInquiries.purpose, 'credit_line'),
        ),
      );
    expect(hard).toHaveLength(1);
    const [consent] = await gw.services.db.select().from(consents).where(eq(consents.id, access.consentId));
    expect(consent?.expiresAt).toBeNull();
    expect(consent?.authorizationDetails[0]).toMatchObject({
      type: 'credit_line',
      line_id: line.id,
      autopay: 'minimum',
    });
    await expectLineOk(gw, line.id);
  });

  it('opens through the consent pages with the customer’s autopay choice and the boost turned off', async () => {
    const { line } = await openTestLine(gw, 'ben', { world, autopay: 'full' });
    expect(line).toMatchObject({ autopay: 'full', instantBoost: false, apr: 0.0999 });
    await expectLineOk(gw, line.id);
  });
});

describe('declined customers on the consent page (DOMAIN.md "Credit decisions")', () => {
  const declined = async (login: string, key?: Awaited<ReturnType<typeof sharedDeviceKey>>) => {
    const started = await startHostedCheckout(gw, world, login, [lineDetail()], key);
    expect(started.page.status).toBe(200);
    const done = await started.browser.submit(started.page.html, { decision: 'deny' });
    expect(done.status).toBe(303);
    return { html: started.page.html, callback: new URL(done.location!) };
  };

  it('a frozen file (hal) is told to lift the freeze; the partner gets access_denied naming credit_frozen', async () => {
    const { html, callback } = await declined('hal');
    expect(html).toContain('Your credit file is frozen');
    expect(html).not.toContain('name="agree"');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toContain('credit_frozen');
  });

  it('a device shared with other customers (gus) is declined fraud_review', async () => {
    const { html, callback } = await declined('gus', await sharedDeviceKey());
    expect(html).toContain('We could not confirm this application automatically');
    expect(callback.searchParams.get('error_description')).toContain('fraud_review');
  });

  it('approving a declined decision anyway opens nothing', async () => {
    const started = await startHostedCheckout(gw, world, 'eli', [lineDetail()]);
    const forced = await started.browser.submit(started.page.html, { decision: 'approve', agree: 'yes' });
    expect(forced.status).toBe(400);
    const eli = customerIn(world, 'eli');
    expect(await gw.services.db.select().from(creditLines).where(eq(creditLines.customerId, eli.id))).toEqual(
      [],
    );
  });

  it('the sandbox shortcut refuses a declined customer with 403 and the reason', async () => {
    await expect(openTestLine(gw, 'eli', { world, via: 'shortcut' })).rejects.toThrow(/credit_risk/);
  });

  it('approving without ticking the agreement shows the page again and opens nothing', async () => {
    const started = await startHostedCheckout(gw, world, 'cam', [lineDetail()]);
    const unticked = await started.browser.submit(started.page.html, { decision: 'approve' });
    expect(unticked.status).toBe(400);
    expect(unticked.html).toContain('Tick the box to agree to the credit line');
    const cam = customerIn(world, 'cam');
    expect(await gw.services.db.select().from(creditLines).where(eq(creditLines.customerId, cam.id))).toEqual(
      [],
    );
  });
});

describe('closing a line from /account/consents', () => {
  it('revoking the consent closes the line (credit_line.closed) and its scorecard account', async () => {
    const t = await openTestLine(gw, 'dee', { world });
    const dashboard = await t.browser!.open('/account/consents');
    const formIndex = [...dashboard.html.matchAll(/<form[^>]*action="([^"]*)"/g)].findIndex((m) =>
      m[1]!.includes(t.access.consentId),
    );
    expect(formIndex).toBeGreaterThanOrEqual(0);
    const after = await t.browser!.submit(dashboard.html, {}, formIndex);
    expect(after.status).toBeLessThan(400);
    const [line] = await gw.services.db.select().from(creditLines).where(eq(creditLines.id, t.line.id));
    expect(line).toMatchObject({ status: 'closed' });
    const [account] = await gw.services.db
      .select()
      .from(customerAccounts)
      .where(eq(customerAccounts.id, t.line.customerAccountId));
    expect(account?.closedAt).not.toBeNull();
    const events = (await eventsOf(gw, world.app.id)).filter((e) => e.object.id === t.line.id);
    expect(events.map((e) => e.type)).toEqual(['credit_line.opened', 'credit_line.closed']);
    await expectLineOk(gw, t.line.id);
  });
});
