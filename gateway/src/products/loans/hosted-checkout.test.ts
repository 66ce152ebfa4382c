import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consents, creditDecisions, loanOffers } from '../../db/schema';
import type { DpopKey } from '../../oauth/dpop-testing';
import { expectProblem } from '../../testing/expect-problem';
import type { TestGateway } from '../../testing/harness';
import { balance } from '../../testing/ledger';
import { apiAs, tokenRequest } from '../../testing/oauth';
import {
  checkoutDetail,
  expectLedgerOk,
  loansGateway,
  newWorld,
  originate,
  REDIRECT,
  sharedDeviceKey,
  startHostedCheckout,
  type World,
} from './test-support';

let gw: TestGateway;
let world: World;

beforeAll(async () => {
  gw = await loansGateway();
  world = await newWorld(gw, 'Cycle Store');
});
afterAll(async () => {
  await expectLedgerOk(gw);
  gw.close();
});

const startCheckout = (login: string, details: unknown[], key?: DpopKey) =>
  startHostedCheckout(gw, world, login, details, key);

const offerIds = (html: string) =>
  [...html.matchAll(/name="offer" value="(lof_[0-9A-Za-z]+)"/g)].map((m) => m[1]!);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;|’/g, "'")
    .replace(/\s+/g, ' ');

describe('hosted checkout on the consent page', () => {
  it('shows the offers, the chosen one’s disclosure and schedule, and needs an explicit "I agree"', async () => {
    const merchantBefore = await balance(gw, world.merchantAccountId);
    const started = await startCheckout('ava', [
      checkoutDetail(50_000, 'ORD-H1'),
      { type: 'credit_score', purpose: 'checkout_credit', detail: 'band' },
    ]);
    const { browser } = started;
    let page = started.page;
    expect(page.status).toBe(200);
    const words = text(page.html);
    expect(words).toContain('Order ORD-H1 at Cycle Store: $500.00');
    expect(words).toContain('4 payments of $125.00 every 2 weeks, the first today');
    expect(words).toContain('3 monthly payments of');
    expect(words).toContain('APR 9.99%');
    expect(words).toMatch(/Also asked for.*credit score band/);
    const offers = offerIds(page.html);
    expect(offers).toHaveLength(4);
    const [decision, ...more] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.orderReference, 'ORD-H1'));
    expect(more).toEqual([]);
    expect(decision).toMatchObject({ channel: 'consent_page', consentId: null, outcome: 'approved' });

    // Pick the 6-month plan: its disclosure box and schedule, and the agreement.
    page = await browser.submit(page.html, { offer: offers[2]! });
    expect(page.status).toBe(200);
    const agreement = text(page.html);
    expect(agreement).toContain('Truth in Lending disclosure');
    expect(agreement).toContain('APR 9.99%');
    expect(agreement).toMatch(/Finance charge \$\d+\.\d\d/);
    expect(agreement).toContain('Amount financed $500.00');
    expect(agreement).toMatch(/Total of payments \$5\d\d\.\d\d/);
    expect(agreement).toContain('22 December 2026');
    expect(agreement).toContain('22 May 2027');
    expect(page.html).toMatch(/<input[^>]*type="checkbox"[^>]*name="agree"[^>]*required/);

    // Approving without ticking the box is refused on the page; the same offers stay.
    const unticked = await browser.submit(page.html, { decision: 'approve' });
    expect(unticked.status).toBe(400);
    expect(text(unticked.html)).toContain('Tick the box to agree to the loan');
    const decided = await browser.submit(unticked.html, { decision: 'approve', agree: 'yes' });
    expect(decided.status).toBe(303);
    const callback = new URL(decided.location!);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    expect(callback.searchParams.get('state')).toBe('st-1');
    expect(
      await gw.services.db.select().from(creditDecisions).where(eq(creditDecisions.orderReference, 'ORD-H1')),
    ).toHaveLength(1);

    // The consent names the signed offer; the decision and its offers belong to it now.
    const tokens = await tokenRequest(
      gw,
      world.app,
      {
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: REDIRECT,
        code_verifier: started.verifier,
      },
      started.key,
    );
    expect(tokens.status, tokens.text).toBe(200);
    const consentId = tokens.body.consent_id!;
    // RFC 9396: the token response carries the consented details, with the signed offer.
    expect(
      (tokens.body as unknown as { authorization_details: unknown[] }).authorization_details[0],
    ).toMatchObject({
      offer_id: offers[2],
    });
    const [consent] = await gw.services.db.select().from(consents).where(eq(consents.id, consentId));
    expect(consent?.authorizationDetails[0]).toEqual({
      ...checkoutDetail(50_000, 'ORD-H1'),
      offer_id: offers[2],
    });
    const stored = await gw.services.db
      .select()
      .from(loanOffers)
      .where(eq(loanOffers.decisionId, decision!.id));
    expect(stored.every((o) => o.consentId === consentId)).toBe(true);

    // The token originates exactly the signed offer.
    const access = {
      app: world.app,
      key: started.key,
      tokens: tokens.body,
      consentId,
      call: apiAs(gw, tokens.body.access_token, started.key),
    };
    expectProblem(await originate(access, offers[0]!), 403, 'forbidden');
    const loan = await originate(access, offers[2]!);
    expect(loan.status, loan.text).toBe(201);
    expect(loan.body).toMatchObject({ plan: 'installments_6', offer: offers[2], consent: consentId });
    expect(await balance(gw, world.merchantAccountId)).toBe(merchantBefore + 48_500); // less 3.00%
  });

  it('a declined customer reads why in plain words, and the app gets access_denied', async () => {
    const { browser, page } = await startCheckout('eli', [checkoutDetail(50_000, 'ORD-H2')]);
    expect(page.status).toBe(200);
    const words = text(page.html);
    expect(words).toContain('We can');
    expect(words).toContain('Your credit history does not meet our lending criteria at the moment.');
    expect(words).toContain('The order is more than the credit we can offer you now.');
    expect(words).toContain('Payments 30 or more days late in the last 24 months');
    expect(page.html).not.toContain('I agree');
    const back = await browser.submit(page.html, { decision: 'deny' });
    const callback = new URL(back.location!);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBe(
      'No credit could be offered to the customer for this order.',
    );
    // A forged approval on a declined request signs nothing.
    const forged = await startCheckout('eli', [checkoutDetail(50_000, 'ORD-H3')]);
    const attempt = await forged.browser.submit(forged.page.html, { decision: 'approve', agree: 'yes' });
    expect(attempt.status).toBe(400);
    expect(text(attempt.html)).toContain('We can');
  });

  it('frozen and fraud declines say so without naming the fraud signals; cancelling is access_denied', async () => {
    const hal = await startCheckout('hal', [checkoutDetail(50_000, 'ORD-H4')]);
    expect(text(hal.page.html)).toContain('Your credit file is frozen.');
    // The request's DPoP key (the device the token will be bound to) is gus's shared device.
    const gus = await startCheckout('gus', [checkoutDetail(50_000, 'ORD-H8')], await sharedDeviceKey());
    const words = text(gus.page.html);
    expect(words).toContain('We could not confirm this application automatically');
    expect(words).not.toMatch(/device|linked|fraud/i);
    const ava = await startCheckout('ava', [checkoutDetail(50_000, 'ORD-H5')]);
    const cancel = await ava.browser.submit(ava.page.html, { decision: 'deny' }, 1);
    const callback = new URL(cancel.location!);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBe('The customer denied the request.');
    const rejected = (
      await gw.services.db.select().from(consents).where(eq(consents.appId, world.app.id))
    ).filter((c) => c.status === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(2);
  });

  it('an offer that is not one of this request’s is refused on the page', async () => {
    const first = await startCheckout('ben', [checkoutDetail(30_000, 'ORD-H6')]);
    const foreign = offerIds(first.page.html)[0]!;
    const second = await startCheckout('ben', [checkoutDetail(30_000, 'ORD-H7')]);
    const mine = offerIds(second.page.html)[0]!;
    const agreement = await second.browser.submit(second.page.html, { offer: mine });
    const res = await second.browser.submit(agreement.html, {
      decision: 'approve',
      agree: 'yes',
      offer: foreign,
    });
    expect(res.status).toBe(400);
    expect(text(res.html)).toContain('That offer is no longer available');
  });
});
