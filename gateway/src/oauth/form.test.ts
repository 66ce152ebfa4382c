import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { clientAuth, createTestApp, customerAccess, type TestApp } from '../testing/oauth';
import { FORM_LIMITS, FORM_PARAMETER_MAX } from './form';

let gw: TestGateway;
let app: TestApp;

beforeAll(async () => {
  gw = await createTestGateway();
  app = await createTestApp(gw);
});
afterAll(() => gw.close());

async function post(path: string, extra: Record<string, string>) {
  const { body, headers } = await clientAuth(gw, app, extra);
  return gw.client.request<{ error?: string; error_description?: string }>('POST', path, { body, headers });
}

describe('OAuth form parameters are bounded, as the OpenAPI document says', () => {
  it('refuses a token parameter one character over its limit with invalid_request and revokes nothing', async () => {
    const access = await customerAccess(gw, { app, scope: 'consents:read' });
    const long = access.tokens.access_token.padEnd(FORM_LIMITS.token + 1, 'A');
    const res = await post('/oauth/revoke', { token: long });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.error_description).toBe(
      `Parameter token is longer than ${FORM_LIMITS.token} characters.`,
    );
    expect((await access.call('GET', `/v1/consents/${access.consentId}`)).status).toBe(200);
  });

  it('accepts a parameter exactly at its limit (the limit is inclusive)', async () => {
    const res = await post('/oauth/introspect', { token: 'x'.repeat(FORM_LIMITS.token) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ active: false });
  });

  it('bounds a parameter the table does not name by FORM_PARAMETER_MAX', async () => {
    const res = await post('/oauth/introspect', {
      token: 'x',
      unknown_extension: 'y'.repeat(FORM_PARAMETER_MAX + 1),
    });
    expect(res.status).toBe(400);
    expect(res.body.error_description).toMatch(/unknown_extension is longer than/);
  });

  it('documents each bounded parameter with the maxLength the server enforces', async () => {
    const doc = (
      await gw.client.request<{
        components: { schemas: Record<string, { properties: Record<string, { maxLength?: number }> }> };
      }>('GET', '/openapi.json')
    ).body;
    const token = doc.components.schemas.OAuthTokenRequest!.properties;
    expect(token.client_assertion!.maxLength).toBe(FORM_LIMITS.client_assertion);
    expect(token.refresh_token!.maxLength).toBe(FORM_LIMITS.refresh_token);
    expect(token.scope!.maxLength).toBe(FORM_LIMITS.scope);
    expect(doc.components.schemas.OAuthRevokeRequest!.properties.token!.maxLength).toBe(FORM_LIMITS.token);
  });
});
