import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditInquiries } from '../../db/schema';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { customerAccess } from '../../testing/oauth';
import { SANDBOX_CASES } from './scorecard/sandbox-cases';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

const consentFor = (detail: 'band' | 'full', purpose = 'checkout_credit') => [
  { type: 'credit_score', purpose, detail },
];

describe('GET /v1/credit-score', () => {
  it('a full consent returns score, band, reasons and model version, matching DOMAIN.md', async () => {
    for (const login of ['ava', 'dee', 'eli']) {
      const access = await customerAccess(gw, { customer: login, authorization_details: consentFor('full') });
      const res = await access.call<{
        score: number;
        band: string;
        reasons: { code: string }[];
        model_version: string;
      }>('GET', '/v1/credit-score');
      expect(res.status).toBe(200);
      const expected = SANDBOX_CASES[login]!;
      expect(res.body.score).toBe(expected.score);
      expect(res.body.band).toBe(expected.band);
      expect(res.body.reasons.map((r) => r.code)).toEqual(expected.reasons);
      expect(res.body.model_version).toBe('scorecard-2026.1');
      expect(res.text).not.toMatch(/"pd"/);
    }
  });

  it('a band consent never reveals the score, in the body or anywhere in the response', async () => {
    const access = await customerAccess(gw, { customer: 'ava', authorization_details: consentFor('band') });
    const res = await access.call<Record<string, unknown>>('GET', '/v1/credit-score');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['as_of', 'band', 'model_version', 'object']);
    expect(res.body.band).toBe('very_good');
    const everything = `${res.text} ${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
    expect(everything).not.toContain('781');
    expect(everything).not.toMatch(/"score"\s*:|"reasons"|"pd"/);
  });

  it('each pull is a soft inquiry with app, purpose and time, and does not change the score', async () => {
    const access = await customerAccess(gw, {
      customer: 'cam',
      authorization_details: consentFor('full', 'account_review'),
    });
    const first = await access.call<{ score: number }>('GET', '/v1/credit-score');
    const second = await access.call<{ score: number }>('GET', '/v1/credit-score');
    expect(second.body.score).toBe(first.body.score);
    const cam = gw.seed.customers.find((c) => c.login === 'cam')!;
    const soft = await gw.services.db
      .select()
      .from(creditInquiries)
      .where(and(eq(creditInquiries.customerId, cam.id), eq(creditInquiries.appId, access.app.id)));
    expect(soft).toHaveLength(2);
    expect(
      soft.every((q) => q.kind === 'soft' && q.purpose === 'account_review' && q.requester === 'FAPI Shop'),
    ).toBe(true);
  });

  it('a frozen file is 403 credit_frozen; a token without the scope is 403 insufficient_scope', async () => {
    const hal = await customerAccess(gw, { customer: 'hal', authorization_details: consentFor('full') });
    const frozen = await hal.call<{ code: string }>('GET', '/v1/credit-score');
    expect(frozen.status).toBe(403);
    expect(frozen.body.code).toBe('credit_frozen');
    const noScope = await customerAccess(gw, { customer: 'ava', scope: 'consents:read' });
    const res = await noScope.call<{ code: string }>('GET', '/v1/credit-score');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('insufficient_scope');
    expect((await gw.client.get('/v1/credit-score')).status).toBe(401);
  });

  it('the customer sees who looked, when and why on their account pages', async () => {
    const { FormBrowser } = await import('../../testing/form-browser');
    const browser = new FormBrowser((req) => gw.app.fetch(req));
    let page = await browser.open(`/account/login?sandbox=${gw.seed.sandboxId}`);
    page = await browser.submit(page.html, { username: 'cam', password: 'sandbox' });
    page = await browser.submit(page.html, { code: '123456' });
    const inquiries = await browser.open('/account/inquiries');
    expect(inquiries.status).toBe(200);
    expect(inquiries.html).toContain('FAPI Shop');
    expect(inquiries.html).toMatch(/review your account/i);
    expect(inquiries.html).toContain('Northwind Auto Finance');
  });
});
