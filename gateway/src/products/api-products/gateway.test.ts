import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type CustomerAccess, createTestApp, customerAccess } from '../../testing/oauth';
import type { SignedIn } from '../developer/test-support';
import {
  grantScopes,
  type Listening,
  productDocument,
  productTeamMember,
  publish,
  type RewardsService,
  serveGateway,
  startFaultyUpstream,
  startRewards,
} from './test-support';

const SCOPES = ['rewards:read', 'rewards:earn', 'rewards:redeem'];
let gw: TestGateway;
let served: Listening;
let rewards: RewardsService;
let member: SignedIn;
let partner: CustomerAccess;
const closers: (() => Promise<void> | void)[] = [];

/** A partner app granted the product's scopes, with a consented customer token (DPoP). */
async function consentedPartner(scopes = SCOPES, customer = 'ava') {
  const app = await createTestApp(gw, { fapi: true });
  await grantScopes(gw, app.id, scopes);
  return customerAccess(gw, { app, customer, scope: scopes.join(' ') });
}

beforeAll(async () => {
  gw = await createTestGateway({ realTime: true, env: { PRODUCT_ROUTES_CACHE_MS: '60000' } });
  served = await serveGateway(gw);
  rewards = await startRewards(gw.services.config.PUBLIC_URL, served.url);
  closers.push(
    () => rewards.close(),
    () => served.close(),
    () => gw.close(),
  );
  member = await productTeamMember(gw, 'rewards');
  const res = await publish(gw, member.token, { document: productDocument(), upstream_url: rewards.url });
  expect(res.status, res.text).toBe(201);
  partner = await consentedPartner();
});

afterAll(async () => {
  for (const close of closers) await close();
});

describe('publishing (issue 20)', () => {
  it('only a product team member publishes', async () => {
    const { signUp } = await import('../developer/test-support');
    const outsider = await signUp(gw);
    const res = await publish(gw, outsider.token, {
      document: productDocument('loyalty'),
      upstream_url: rewards.url,
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('product_team_only');
  });

  it('a document breaking the publishing rules is refused with every rule it breaks, and nothing is served', async () => {
    const doc = productDocument('points') as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    delete doc.paths['/v1/points/balance']!.get!.operationId;
    doc.paths['/v1/points/earnings']!.post!.security = [{ tessera: ['payments:write'] }];
    doc.paths['/v1/elsewhere/x'] = { get: { operationId: 'getElsewhere', responses: {} } };
    const res = await publish(gw, member.token, { document: doc, upstream_url: rewards.url });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('product_document_invalid');
    const paths = res.body.errors!.map((e) => e.path);
    expect(paths).toContain('document.paths./v1/points/balance.get.operationId');
    expect(paths).toContain('document.paths./v1/points/earnings.post.security');
    expect(paths).toContain('document.paths./v1/elsewhere/x');
    const list = await gw.client.get<{ data: { id: string }[] }>(
      '/v1/developer/admin/products',
      member.token,
    );
    expect(list.body.data.map((p) => p.id)).toEqual(['rewards']);
  });

  it('a product may not take a built-in product’s path', async () => {
    const res = await publish(gw, member.token, {
      document: productDocument('payments'),
      upstream_url: rewards.url,
    });
    expect(res.status).toBe(422);
  });
});

describe('the gateway in front of a published operation', () => {
  it('a request failing the document never reaches the upstream', async () => {
    const before = rewards.seen.length;
    const bad = [
      await partner.call('POST', '/v1/rewards/redemptions', { points: 0 }),
      await partner.call('POST', '/v1/rewards/redemptions', { points: 5, smuggled: true }),
      await partner.call('POST', '/v1/rewards/earnings', {
        payment: 'pay_1',
        amount: { amount: 100, currency: 'usd' },
      }),
      await partner.call('GET', '/v1/rewards/entries?limit=1000'),
      await partner.call('GET', '/v1/rewards/entries?debug=true'),
    ];
    for (const res of bad) {
      expect(res.status, res.text).toBe(400);
      expect((res.body as { code: string }).code).toBe('invalid_request');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(rewards.seen.length).toBe(before);
  });

  it('the upstream receives a verifiable identity assertion and never the partner’s token or cookies', async () => {
    const res = await partner.call('GET', '/v1/rewards/balance', undefined, {
      Cookie: 'tessera_dev=secret-session',
      'X-Partner-Secret': 'nope',
      Connection: 'keep-alive',
    });
    expect(res.status, res.text).toBe(200);
    const got = rewards.seen.at(-1)!;
    for (const h of ['authorization', 'dpop', 'cookie', 'x-partner-secret'])
      expect(got.headers.get(h), h).toBeNull();
    const assertion = got.headers.get('tessera-identity')!;
    expect(decodeProtectedHeader(assertion).typ).toBe('tessera-identity+jwt');
    const { payload } = await jwtVerify(assertion, createRemoteJWKSet(new URL(`${served.url}/oauth/jwks`)), {
      issuer: gw.services.config.PUBLIC_URL,
      audience: 'rewards',
      algorithms: ['ES256'],
    });
    expect(payload.azp).toBe(partner.app.id);
    expect(payload.csn).toBe(partner.consentId);
    expect(payload.sub).toMatch(/^cus_/);
    expect(payload.scope).toBe(SCOPES.slice().sort().join(' '));
    expect(payload.exp! - payload.iat!).toBe(60);
    expect(payload.jti).toMatch(/^tid_/);
  });

  it('the product’s own 4xx problem+json reaches the partner unchanged', async () => {
    const earn = await partner.call('POST', '/v1/rewards/earnings', {
      payment: 'pay_ride42',
      amount: { amount: 2599, currency: 'USD' },
    });
    expect(earn.status, earn.text).toBe(201);
    expect((earn.body as { points: number }).points).toBe(25);
    const res = await partner.call('POST', '/v1/rewards/redemptions', { points: 1000 });
    expect(res.status).toBe(409);
    expect((res.body as { code: string }).code).toBe('insufficient_points');
  });

  it('a token without the operation’s scope is refused before the upstream', async () => {
    const reader = await consentedPartner(['rewards:read'], 'ben');
    const before = rewards.seen.length;
    const res = await reader.call('POST', '/v1/rewards/redemptions', { points: 1 });
    expect(res.status).toBe(403);
    expect((res.body as { code: string }).code).toBe('insufficient_scope');
    const anonymous = await gw.client.get('/v1/rewards/balance');
    expect(anonymous.status).toBe(401);
    expect(rewards.seen.length).toBe(before);
  });

  it('an upstream 500 becomes 502 upstream_error and no answer in time 504 upstream_timeout', async () => {
    const failing = await startFaultyUpstream('500');
    const hanging = await startFaultyUpstream('hang');
    closers.push(
      () => failing.close(),
      () => hanging.close(),
    );
    expect(
      (await publish(gw, member.token, { document: productDocument('broken'), upstream_url: failing.url }))
        .status,
    ).toBe(201);
    const slow = await publish(gw, member.token, {
      document: productDocument('slow'),
      upstream_url: hanging.url,
      timeout_ms: 200,
    });
    expect(slow.status).toBe(201);
    const caller = await consentedPartner(['broken:read', 'slow:read'], 'cam');
    const broken = await caller.call('GET', '/v1/broken/balance');
    expect(broken.status).toBe(502);
    expect((broken.body as { code: string; detail: string }).code).toBe('upstream_error');
    expect(broken.text).not.toContain('NullPointerException');
    const timedOut = await caller.call('GET', '/v1/slow/balance');
    expect(timedOut.status).toBe(504);
    expect((timedOut.body as { code: string }).code).toBe('upstream_timeout');
    expect(failing.hits).toBe(1);
    expect(hanging.hits).toBe(1);
  });
});

describe('consent (the product’s scopes on the consent page)', () => {
  it('the consent page lists a published product’s scopes with the text its team wrote', async () => {
    const { FormBrowser } = await import('../../testing/form-browser');
    const { clientAuth, createTestApp: newApp, pkcePair } = await import('../../testing/oauth');
    const app = await newApp(gw);
    await grantScopes(gw, app.id, SCOPES);
    const { challenge } = await pkcePair();
    const par = await clientAuth(gw, app, {
      response_type: 'code',
      client_id: app.id,
      redirect_uri: 'http://127.0.0.1:4000/callback',
      scope: 'rewards:read rewards:redeem',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const pushed = await gw.app.fetch(
      new Request('http://127.0.0.1:8787/oauth/par', {
        method: 'POST',
        headers: par.headers,
        body: par.body,
      }),
    );
    expect(pushed.status).toBe(201);
    const { request_uri } = (await pushed.json()) as { request_uri: string };
    const browser = new FormBrowser((req) => gw.app.fetch(req));
    let page = await browser.open(
      `http://127.0.0.1:8787/oauth/authorize?client_id=${app.id}&request_uri=${encodeURIComponent(request_uri)}`,
    );
    page = await browser.submit(page.html, { username: 'ava', password: 'sandbox' });
    page = await browser.submit(page.html, { code: '123456' });
    expect(page.html).toContain('See your rewards points balance and history');
    expect(page.html).toContain('Spend your rewards points through the app');
    expect(page.html).not.toContain('Add rewards points for payments');
  });
});

describe('paths', () => {
  it('a path parameter cannot walk the upstream call out of the document (.., %2e%2e, %2f)', async () => {
    const doc = productDocument('vault') as { paths: Record<string, unknown> };
    doc.paths['/v1/vault/entries/{entry}'] = {
      get: {
        operationId: 'getVaultEntry',
        security: [{ tessera: ['vault:read'] }],
        parameters: [{ name: 'entry', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'An entry.' } },
      },
    };
    expect((await publish(gw, member.token, { document: doc, upstream_url: rewards.url })).status).toBe(201);
    const caller = await consentedPartner(['vault:read'], 'dee');
    const before = rewards.seen.length;
    for (const entry of ['..', '%2e%2e', '%2E.', '..%2fbalance', '.'])
      expect((await caller.call('GET', `/v1/vault/entries/${entry}`)).status, entry).toBe(404);
    expect(rewards.seen.length).toBe(before);
  });
});
