import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { apiAs, appToken, createTestApp, customerAccess } from '../testing/oauth';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

describe('sandbox shortcut', () => {
  it('gives a FAPI app a DPoP-bound customer token for a consent', async () => {
    const access = await customerAccess(gw, {
      scope: 'consents:read',
      authorization_details: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }],
    });
    expect(access.tokens.token_type).toBe('DPoP');
    const res = await access.call<{ id: string; status: string; scopes: string[] }>(
      'GET',
      `/v1/consents/${access.consentId}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('authorised');
    expect(res.body.scopes).toEqual(['consents:read', 'credit_score:read']);
  });

  it('works for a sandbox app that opted out of DPoP, with Bearer tokens', async () => {
    const app = await createTestApp(gw);
    const access = await customerAccess(gw, { app, scope: 'consents:read' });
    expect(access.tokens.token_type).toBe('Bearer');
    expect((await access.call('GET', `/v1/consents/${access.consentId}`)).status).toBe(200);
  });

  it('refuses an unknown customer and an unregistered redirect', async () => {
    const app = await createTestApp(gw);
    const token = await appToken(gw, app);
    const call = apiAs(gw, token);
    const body = {
      customer: 'zed',
      redirect_uri: 'http://127.0.0.1:4000/callback',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
      scope: 'consents:read',
    };
    expect((await call('POST', '/v1/sandbox/authorizations', body)).status).toBe(400);
    expect(
      (
        await call<{ code: string }>('POST', '/v1/sandbox/authorizations', {
          ...body,
          customer: 'ava',
          redirect_uri: 'https://evil.example/cb',
        })
      ).status,
    ).toBe(400);
  });
});
