import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, consents, creditLines, customerAccounts } from '../../db/schema';
import { purgeExpired } from '../../jobs/purge';
import { DAY_MS } from '../../platform/clock';
import { advanceSandboxClockStatements } from '../../platform/sandbox-clock';
import { expectProblem } from '../../testing/expect-problem';
import { FormBrowser } from '../../testing/form-browser';
import type { TestGateway } from '../../testing/harness';
import { extractFeatures } from '../credit-scores';
import {
  customerIn,
  customerToken,
  eventsOf,
  ledgerCheckedGateway,
  newWorld,
  type World,
} from '../loans/test-support';
import { advance, drawOn, requestDraw, statementsOf } from './statement-testing';
import { expectLineOk, lineDetail, lineOfConsent, openTestLine, type TestLine } from './test-support';

let gw: TestGateway;
ledgerCheckedGateway((created) => {
  gw = created;
});

/** A line opened under a consent that also reads the credit band: a data consent, 180 days. */
async function mixedLine(world: World, customer: string): Promise<TestLine> {
  const access = await customerToken(gw, {
    app: world.app,
    customer,
    details: [
      lineDetail({ maxDraw: 200_000 }),
      { type: 'credit_score', purpose: 'customer_instruction', detail: 'band' },
    ],
    scope: 'credit_lines:read credit_score:read',
  });
  return { world, access, line: await lineOfConsent(gw.services.db, access.consentId) };
}

const storedLine = async (id: string) =>
  (await gw.services.db.select().from(creditLines).where(eq(creditLines.id, id)))[0]!;
const storedConsent = async (id: string) =>
  (await gw.services.db.select().from(consents).where(eq(consents.id, id)))[0]!;
const scorecardAccount = async (t: TestLine) =>
  (
    await gw.services.db
      .select()
      .from(customerAccounts)
      .where(eq(customerAccounts.id, t.line.customerAccountId))
  )[0]!;
const closedEvents = async (t: TestLine) =>
  (await eventsOf(gw, t.world.app.id)).filter(
    (e) => e.type === 'credit_line.closed' && e.object.id === t.line.id,
  );

describe('a line closes when its consent expires, exactly as when it is revoked', () => {
  it('a mixed consent (credit_line + a data detail: 180 days) expiring on a sandbox clock advance closes the line; its balance, statements and autopay go on', async () => {
    const world = await newWorld(gw, 'Expiring Rides');
    const t = await mixedLine(world, 'ava');
    const consent = await storedConsent(t.access.consentId);
    expect(consent.expiresAt!.getTime() - consent.createdAt.getTime()).toBe(180 * DAY_MS);
    await drawOn(t, 100_000);

    await advance(gw, world, { days: 170 });
    expect(await storedLine(t.line.id)).toMatchObject({ status: 'open', closedAt: null });
    expect(await statementsOf(t)).toHaveLength(5);

    // Past the expiry (day 180) and the next statement day: the line is closed at the expiry.
    const crossed = await advance(gw, world, { days: 11 });
    expect(crossed.statements.issued).toBe(1);
    expect((await storedConsent(t.access.consentId)).status).toBe('expired');
    const closed = await storedLine(t.line.id);
    expect(closed).toMatchObject({ status: 'closed', closedAt: consent.expiresAt });
    expect(closed.balance).toBeGreaterThan(0);
    expect((await scorecardAccount(t)).closedAt).toEqual(consent.expiresAt);
    const events = await closedEvents(t);
    expect(events.map((e) => [e.object.status, e.object.closed_at])).toEqual([
      ['closed', consent.expiresAt!.toISOString().replace('.000Z', 'Z')],
    ]);
    const [audit] = await gw.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, t.line.id), eq(auditLog.action, 'credit_line.close')));
    expect(audit).toMatchObject({ actorType: 'system', details: { ended: 'expired' } });

    // No new draws: the partner's token died with the consent.
    expectProblem(await requestDraw(t, 1_000, 'RIDE-2'), 401, 'consent_inactive');

    // The closed line still gets its statement and its autopay collects the minimum on the due date.
    const due = await advance(gw, world, { days: 25 });
    expect(due.statements.collected).toBe(1);
    const after = await storedLine(t.line.id);
    expect(after.status).toBe('closed');
    expect(after.balance).toBeLessThan(closed.balance);
    expect((await scorecardAccount(t)).currentBalance).toBe(after.balance);
    // A later run has nothing left to close: the line closed once.
    await advance(gw, world, { days: 1 });
    expect(await closedEvents(t)).toHaveLength(1);
    await expectLineOk(gw, t.line.id);
  });

  it('the expiry job of the runtime loops (purge) closes the line too, in the expiry’s batch', async () => {
    const world = await newWorld(gw, 'Loop Rides');
    const t = await mixedLine(world, 'ben');
    await drawOn(t, 5_000);
    // The sandbox's clock moves without running its jobs: only the purge job sees the expiry.
    const { statement } = await advanceSandboxClockStatements(gw.services.db, world.sandboxId, 181 * DAY_MS);
    await gw.services.db.batch([statement]);
    expect((await storedLine(t.line.id)).status).toBe('open');
    await purgeExpired(gw.services.db, gw.clock, gw.endings);
    const consent = await storedConsent(t.access.consentId);
    expect(consent.status).toBe('expired');
    expect(await storedLine(t.line.id)).toMatchObject({
      status: 'closed',
      closedAt: consent.expiresAt,
      balance: 5_000,
    });
    expect(await closedEvents(t)).toHaveLength(1);
    await purgeExpired(gw.services.db, gw.clock, gw.endings);
    expect(await closedEvents(t)).toHaveLength(1);
    await expectLineOk(gw, t.line.id);
  });
});

/** A browser signed in (password and one-time code) as a sandbox customer of the world. */
async function signIn(world: World, login: string): Promise<FormBrowser> {
  const b = new FormBrowser((req) => gw.app.fetch(req));
  const page = await b.open(`/account/login?sandbox=${world.sandboxId}`);
  const otp = await b.submit(page.html, { username: login, password: 'sandbox' });
  await b.submit(otp.html, { code: '123456' });
  return b;
}

describe('closing a line closes its scorecard account', () => {
  it('takes no new credit; its limit and balance leave utilization at once (open accounts only), and it reports its balance until paid, then zero', async () => {
    const world = await newWorld(gw, 'Scorecard Rides');
    const t = await openTestLine(gw, 'ava', { world, via: 'shortcut', maxDraw: 200_000 });
    await drawOn(t, 100_000);
    const ava = customerIn(world, 'ava');
    const features = () => extractFeatures({ db: gw.services.db, customerId: ava.id, asOf: gw.clock.now() });
    const open = await features();
    const account = await scorecardAccount(t);
    expect(account).toMatchObject({ currentBalance: 100_000, closedAt: null });

    expect((await t.access.call('DELETE', `/v1/consents/${t.access.consentId}`)).status).toBe(200);
    expect((await storedLine(t.line.id)).status).toBe('closed');
    expectProblem(await requestDraw(t, 1_000, 'RIDE-2'), 401, 'consent_inactive');
    const closed = await features();
    expect(closed.counts.openRevolvingAccounts).toBe(open.counts.openRevolvingAccounts - 1);
    expect(closed.counts.revolvingBalance).toBe(open.counts.revolvingBalance - 100_000);
    expect(closed.counts.revolvingLimit).toBe(open.counts.revolvingLimit - account.creditLimit!);
    expect(closed.features.utilization).toBeCloseTo(
      closed.counts.revolvingBalance / closed.counts.revolvingLimit,
      10,
    );
    expect(closed.features.utilization).not.toBeCloseTo(open.features.utilization, 10);
    expect(closed.features.history_months).toBe(open.features.history_months);
    // Reported closed, with the balance still owed.
    const reported = await scorecardAccount(t);
    expect(reported.closedAt).not.toBeNull();
    expect(reported.currentBalance).toBe(100_000);

    // The customer pays it off on the bank's page: the closed account reports zero.
    const browser = await signIn(world, 'ava');
    const page = await browser.open(`/account/credit-lines/${t.line.id}`);
    const paid = await browser.submit(page.html, { amount: '1000.00' });
    expect(paid.html).toContain('Payment received');
    const settled = await scorecardAccount(t);
    expect(settled).toMatchObject({ currentBalance: 0, closedAt: reported.closedAt });
    const after = await features();
    expect(after.counts.revolvingBalance).toBe(closed.counts.revolvingBalance);
    expect(after.features.utilization).toBe(closed.features.utilization);
    expect(await closedEvents(t)).toHaveLength(1);
    await expectLineOk(gw, t.line.id);
  });
});
