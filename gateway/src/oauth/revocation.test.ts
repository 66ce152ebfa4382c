import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { clientAuth, createTestApp, customerAccess, type TestApp, tokenRequest } from '../testing/oauth';

let gw: TestGateway;
let owner: TestApp;
let other: TestApp;

beforeAll(async () => {
  gw = await createTestGateway();
  owner = await createTestApp(gw, { fapi: true });
  other = await createTestApp(gw);
});
afterAll(() => gw.close());

async function revoke(app: TestApp, token: string) {
  const { body, headers } = await clientAuth(gw, app, { token });
  return gw.client.request<{ error?: string; error_description?: string }>('POST', '/oauth/revoke', {
    body,
    headers,
  });
}

describe('Revocation RFC 7009 §2.1', () => {
  it("refuses another client's access token with unauthorized_client and leaves it working", async () => {
    const access = await customerAccess(gw, { app: owner, scope: 'consents:read' });
    const res = await revoke(other, access.tokens.access_token);
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect(res.body.error).toBe('unauthorized_client');
    expect(res.body.error_description).toMatch(/another client/);
    expect((await access.call('GET', `/v1/consents/${access.consentId}`)).status).toBe(200);
  });

  it("refuses another client's refresh token with unauthorized_client and leaves the grant working", async () => {
    const access = await customerAccess(gw, { app: owner, scope: 'consents:read' });
    const res = await revoke(other, access.tokens.refresh_token!);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unauthorized_client');
    expect((await access.call('GET', `/v1/consents/${access.consentId}`)).status).toBe(200);
    const refreshed = await tokenRequest(
      gw,
      owner,
      { grant_type: 'refresh_token', refresh_token: access.tokens.refresh_token! },
      access.key,
    );
    expect(refreshed.status).toBe(200);
  });

  it('answers 200 for a token it does not know, and revokes the own token', async () => {
    expect((await revoke(other, 'no-such-token')).status).toBe(200);
    const access = await customerAccess(gw, { app: owner, scope: 'consents:read' });
    expect((await revoke(owner, access.tokens.access_token)).status).toBe(200);
    expect((await access.call('GET', `/v1/consents/${access.consentId}`)).status).toBe(401);
  });
});
