import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { creditLineLimitOffers, customerAccounts } from '../../db/schema';
import { DAY_MS } from '../../platform/clock';
import { errorChainIncludes } from '../../platform/ledger';
import { FormBrowser } from '../../testing/form-browser';
import type { TestGateway } from '../../testing/harness';
import { signUp } from '../developer/test-support';
import {
  advanceClock,
  eventsOf,
  ledgerCheckedGateway,
  newWorld,
  REDIRECT,
  type World,
} from '../loans/test-support';
import {
  issueStatement,
  lineNow,
  offersOf,
  openOfferPage,
  PUBLIC_URL,
  runOfferJob,
  sandboxNow,
  setLineLimit,
} from './limit-offers-testing';
import type { LimitOfferObject } from './service/internal/offer-objects';
import { expectLineOk, openTestLine, type TestLine } from './test-support';

let gw: TestGateway;

ledgerCheckedGateway((created) => {
  gw = created;
});

type List = { data: LimitOfferObject[]; has_more: boolean };
const listOffers = (t: TestLine, query = '') =>
  t.access.call<List>('GET', `/v1/credit-lines/${t.line.id}/limit-offers${query}`);

/** A world of its own and a line for `login` with a limit the formula can raise (5,000.00). */
async function lineFor(login: string, limit = 500_000): Promise<{ world: World; t: TestLine }> {
  const world = await newWorld(gw, 'Ride Co');
  const t = await openTestLine(gw, login, { world, via: 'shortcut' });
  t.line = await setLineLimit(gw, t.line, limit);
  return { world, t };
}

/** A pending offer on a fresh line: a statement at 95% and the job. */
async function pendingOffer(login = 'ava') {
  const { world, t } = await lineFor(login);
  await issueStatement(gw, world, t.line, 0.95);
  expect((await runOfferJob(gw, world)).offered).toBe(1);
  const [offer] = (await listOffers(t, '?status=offered')).body.data;
  return { world, t, offer: offer! };
}

describe('limit offers: the monthly evaluation', () => {
  it('offers fay (95% utilization on her last statement) a higher limit when the sandbox clock moves on', async () => {
    const world = await newWorld(gw, 'Ride Co');
    const t = await openTestLine(gw, 'fay', { world, via: 'shortcut' });
    await issueStatement(gw, world, t.line, 0.95);
    await advanceClock(gw, world, { days: 1 });

    const res = await listOffers(t);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [offer] = res.body.data;
    expect(offer).toMatchObject({
      object: 'limit_offer',
      credit_line: t.line.id,
      status: 'offered',
      current_limit: { amount: t.line.creditLimit, currency: 'USD' },
      apr: t.line.apr,
      model_version: 'scorecard-2026.1',
      accept_url: `${PUBLIC_URL}/account/limit-offers/${offer!.id}`,
    });
    const offered = offer!.offered_limit.amount;
    expect(offered % 10_000).toBe(0);
    expect(offered * 10).toBeGreaterThanOrEqual(t.line.creditLimit * 11);
    expect(offered * 2).toBeLessThanOrEqual(t.line.creditLimit * 3);
    const [row] = await offersOf(gw, t.line.id);
    expect(row).toMatchObject({ scoreBand: expect.any(String), experimentArm: expect.any(String) });
    expect(Date.parse(offer!.expires_at) - Date.parse(offer!.created_at)).toBe(7 * DAY_MS);
    const created = (await eventsOf(gw, world.app.id)).filter((e) => e.type === 'limit_offer.created');
    expect(created.map((e) => e.object.id)).toEqual([offer!.id]);
  });

  it('makes no offer at 70% utilization or less, nor to a customer with a late payment (dee)', async () => {
    const low = await lineFor('ava');
    await issueStatement(gw, low.world, low.t.line, 0.7);
    expect((await runOfferJob(gw, low.world)).offered).toBe(0);

    const late = await lineFor('dee');
    await issueStatement(gw, late.world, late.t.line, 0.95);
    expect((await runOfferJob(gw, late.world)).offered).toBe(0);
    expect(await offersOf(gw, low.t.line.id)).toEqual([]);
    expect(await offersOf(gw, late.t.line.id)).toEqual([]);
  });

  it('is idempotent per line and month: another run over the same statement adds nothing', async () => {
    const { world, t } = await pendingOffer();
    expect((await runOfferJob(gw, world)).offered).toBe(0);
    await advanceClock(gw, world, { days: 2 });
    expect(await offersOf(gw, t.line.id)).toHaveLength(1);
  });

  it('keeps at most one pending offer per line, even when a new statement is issued before it is answered', async () => {
    const { world, t } = await pendingOffer();
    await advanceClock(gw, world, { days: 1 });
    const next = await issueStatement(gw, world, t.line, 0.9);
    expect((await runOfferJob(gw, world)).offered).toBe(0);
    // The database refuses a second pending offer whatever a racing writer does.
    const [first] = await offersOf(gw, t.line.id);
    const second = { ...first!, id: gw.services.ids.newId('clo'), statementId: next };
    const refused = await gw.services.db
      .insert(creditLineLimitOffers)
      .values(second)
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(errorChainIncludes(refused, 'UNIQUE constraint failed: credit_line_limit_offers.line_id')).toBe(
      true,
    );
  });
});

describe('limit offers: the customer’s answer on the bank’s page', () => {
  it('an accepted offer raises the limit at once (line and scorecard account), with limit_offer.accepted and credit_line.limit_changed', async () => {
    const { world, t, offer } = await pendingOffer();
    const { browser, page } = await openOfferPage(gw, offer.accept_url!, 'ava');
    expect(page.html).toContain('$5,000.00');
    expect(page.html).toContain('(unchanged)');
    const done = await browser.submit(page.html, { decision: 'accept' });
    expect(done.status, done.html).toBe(303);
    expect(done.location).toBe(`${REDIRECT}?limit_offer=${offer.id}&result=accepted`);

    const line = await lineNow(gw, t.line.id);
    expect(line.creditLimit).toBe(offer.offered_limit.amount);
    const [account] = await gw.services.db
      .select()
      .from(customerAccounts)
      .where(eq(customerAccounts.id, line.customerAccountId));
    expect(account!.creditLimit).toBe(offer.offered_limit.amount);
    const got = await t.access.call<{ credit_limit: { amount: number } }>(
      'GET',
      `/v1/credit-lines/${t.line.id}`,
    );
    expect(got.body.credit_limit.amount).toBe(offer.offered_limit.amount);
    const [listed] = (await listOffers(t)).body.data;
    expect(listed).toMatchObject({ status: 'accepted', accept_url: null, answered_at: expect.any(String) });
    const types = (await eventsOf(gw, world.app.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['limit_offer.accepted', 'credit_line.limit_changed']));
    await expectLineOk(gw, t.line.id);

    // Answered once: the page now says so, and a second click changes nothing.
    const again = await browser.open(offer.accept_url!);
    expect(again.status).toBe(409);
    expect(again.html).toContain('already accepted');
  });

  it('after an acceptance, the next monthly evaluation may offer again', async () => {
    const { world, t, offer } = await pendingOffer();
    const { browser, page } = await openOfferPage(gw, offer.accept_url!, 'ava');
    await browser.submit(page.html, { decision: 'accept' });
    t.line = await lineNow(gw, t.line.id);
    expect((await runOfferJob(gw, world)).offered).toBe(0);
    await advanceClock(gw, world, { days: 30 });
    await issueStatement(gw, world, t.line, 0.95);
    expect((await runOfferJob(gw, world)).offered).toBe(1);
  });

  it('a declined offer leaves the limit, emits limit_offer.declined, and no new offer comes for 60 days (then one does)', async () => {
    const { world, t, offer } = await pendingOffer();
    const { browser, page } = await openOfferPage(gw, offer.accept_url!, 'ava');
    const done = await browser.submit(page.html, { decision: 'decline' });
    expect(done.location).toBe(`${REDIRECT}?limit_offer=${offer.id}&result=declined`);
    expect((await lineNow(gw, t.line.id)).creditLimit).toBe(500_000);
    expect((await eventsOf(gw, world.app.id)).map((e) => e.type)).toContain('limit_offer.declined');

    for (const days of [30, 29]) {
      await advanceClock(gw, world, { days });
      await issueStatement(gw, world, t.line, 0.95);
      expect((await runOfferJob(gw, world)).offered, `day ${days}`).toBe(0);
    }
    // Day 59 still counted; on day 60 the clock's own run of the job makes the offer.
    await advanceClock(gw, world, { days: 1 });
    expect((await offersOf(gw, t.line.id)).map((o) => o.status)).toEqual(['declined', 'offered']);
  });

  it('an offer left unanswered expires after 7 days with limit_offer.expired, and no new offer comes for 30 days after', async () => {
    const { world, t, offer } = await pendingOffer();
    await advanceClock(gw, world, { days: 6 });
    expect((await offersOf(gw, t.line.id))[0]!.status).toBe('offered');
    await advanceClock(gw, world, { days: 1 });
    const [expired] = await offersOf(gw, t.line.id);
    expect(expired).toMatchObject({ status: 'expired', answeredAt: new Date(offer.expires_at) });
    expect((await eventsOf(gw, world.app.id)).map((e) => e.type)).toContain('limit_offer.expired');

    await advanceClock(gw, world, { days: 23 });
    await issueStatement(gw, world, t.line, 0.95);
    expect((await runOfferJob(gw, world)).offered).toBe(0);
    // 30 days after the expiry (day 37), the clock's own run of the job makes the next one.
    await advanceClock(gw, world, { days: 6 });
    expect((await offersOf(gw, t.line.id)).map((o) => o.status)).toEqual(['expired']);
    await advanceClock(gw, world, { days: 1 });
    expect((await offersOf(gw, t.line.id)).map((o) => o.status)).toEqual(['expired', 'offered']);
  });

  it('an offer past its expiry cannot be accepted, even before the job has expired it', async () => {
    const { world, t, offer } = await pendingOffer();
    const { browser, page } = await openOfferPage(gw, offer.accept_url!, 'ava');
    // Its 7 days are over on the business clock, but no job has run since.
    const past = new Date((await sandboxNow(gw, world)).getTime() - 1);
    await gw.services.db
      .update(creditLineLimitOffers)
      .set({ expiresAt: past })
      .where(eq(creditLineLimitOffers.id, offer.id));
    const done = await browser.submit(page.html, { decision: 'accept' });
    expect(done.status).toBe(409);
    expect(done.html).toContain('expired');
    expect((await lineNow(gw, t.line.id)).creditLimit).toBe(500_000);
    expect((await listOffers(t, '?status=expired')).body.data.map((o) => o.id)).toEqual([offer.id]);
    expect((await listOffers(t, '?status=offered')).body.data).toEqual([]);
  });

  it('the page refuses a form without its CSRF token, another customer, and a return address the app did not register', async () => {
    const { t, offer } = await pendingOffer();
    const { browser, page } = await openOfferPage(gw, offer.accept_url!, 'ava');
    const forged = await browser.submit(page.html, { decision: 'accept', csrf: 'forged' });
    expect(forged.status).toBe(403);

    // Ben signed in on Ava's offer: it does not exist for him.
    expect((await signedInOn(offer.accept_url!, 'ben')).status).toBe(404);
    const stray = await new FormBrowser((req) => gw.app.fetch(req)).open(
      `${offer.accept_url}?redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
    );
    expect(stray.status).toBe(400);
    expect((await lineNow(gw, t.line.id)).creditLimit).toBe(500_000);
    expect((await offersOf(gw, t.line.id))[0]!.status).toBe('offered');
  });
});

/** Signs in as `login` on the offer's page and returns what the page answers then. */
async function signedInOn(acceptUrl: string, login: string) {
  const browser = new FormBrowser((req) => gw.app.fetch(req));
  let page = await browser.open(acceptUrl);
  page = await browser.submit(page.html, { username: login, password: 'sandbox' });
  return browser.submit(page.html, { code: '123456' });
}

describe('limit offers: the partner’s list', () => {
  it('is the consented partner’s only: another app’s token gets 404, and status must be a known one', async () => {
    const { t } = await pendingOffer();
    const stranger = await openTestLine(gw, 'ava', { via: 'shortcut' });
    const res = await stranger.access.call<{ code: string }>(
      'GET',
      `/v1/credit-lines/${t.line.id}/limit-offers`,
    );
    expect(res.status).toBe(404);
    const bad = await listOffers(t, '?status=maybe');
    expect(bad.status).toBe(400);
  });
});

describe('limit offers: take-up for the bank', () => {
  it('counts offered, accepted, declined, expired and pending per score band and experiment arm', async () => {
    const { world, t } = await lineFor('cam');
    // A period of its own: no other test's offers fall in it.
    const from = new Date('2031-03-01T00:00:00Z');
    const statuses = ['accepted', 'declined', 'expired', 'accepted'] as const;
    const rows = [];
    for (const [i, status] of statuses.entries()) {
      rows.push({
        id: gw.services.ids.newId('clo'),
        lineId: t.line.id,
        customerId: t.line.customerId,
        statementId: await issueStatement(gw, world, t.line, 0.9, (i + 1) * DAY_MS),
        appId: world.app.id,
        mode: 'sandbox' as const,
        currency: 'USD',
        currentLimit: 500_000,
        offeredLimit: 600_000,
        status,
        scoreBand: i < 3 ? 'good' : 'fair',
        experimentArm: i === 1 ? ('challenger' as const) : ('champion' as const),
        modelVersion: 'scorecard-2026.1',
        pd: 0.02,
        createdAt: new Date(from.getTime() + i * 1000),
        expiresAt: new Date(from.getTime() + 7 * DAY_MS),
        answeredAt: new Date(from.getTime() + i * 1000 + 10),
      });
    }
    await gw.services.db.insert(creditLineLimitOffers).values(rows);
    const staff = await signUp(gw, { role: 'bank_staff' });
    const q = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(new Date(from.getTime() + 10_000).toISOString())}`;
    const res = await gw.client.get<{ data: Record<string, unknown>[] }>(
      `/v1/developer/admin/limit-offers/take-up?mode=sandbox&${q}`,
      staff.session,
    );
    expect(res.status, res.text).toBe(200);
    const mine = res.body.data;
    expect(mine).toEqual([
      expect.objectContaining({
        score_band: 'fair',
        experiment_arm: 'champion',
        offered: 1,
        accepted: 1,
        take_up: 1,
      }),
      expect.objectContaining({
        score_band: 'good',
        experiment_arm: 'challenger',
        offered: 1,
        declined: 1,
        take_up: 0,
      }),
      expect.objectContaining({
        score_band: 'good',
        experiment_arm: 'champion',
        offered: 2,
        accepted: 1,
        expired: 1,
        pending: 0,
        take_up: 0.5,
      }),
    ]);
    const backwards = await gw.client.get<{ code: string; errors: { path: string }[] }>(
      `/v1/developer/admin/limit-offers/take-up?from=2031-03-02T00:00:00Z&to=2031-03-01T00:00:00Z`,
      staff.session,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.map((e) => e.path)).toEqual(['to']);
    const partner = await signUp(gw);
    const refused = await gw.client.get<{ code: string }>(
      '/v1/developer/admin/limit-offers/take-up',
      partner.session,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('bank_staff_only');
  });
});
