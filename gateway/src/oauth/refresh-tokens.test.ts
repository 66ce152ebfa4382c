import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { createTestApp, customerAccess, type TestApp, tokenRequest } from '../testing/oauth';
import { createDpopKey } from './dpop-testing';

let gw: TestGateway;
let fapi: TestApp;
let bearer: TestApp;

beforeAll(async () => {
  gw = await createTestGateway();
  fapi = await createTestApp(gw, { fapi: true });
  bearer = await createTestApp(gw);
});
afterAll(() => gw.close());

const DETAILS = [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'band' }];

describe('Refresh tokens of DPoP-bound clients (FAPI 2.0 §5.3.2.1: no rotation)', () => {
  it('keeps the refresh token of a DPoP-bound private_key_jwt client, and it still works after 61 s', async () => {
    const access = await customerAccess(gw, { app: fapi, scope: 'consents:read' });
    const r0 = access.tokens.refresh_token!;
    const refresh = () =>
      tokenRequest(gw, fapi, { grant_type: 'refresh_token', refresh_token: r0 }, access.key);
    const first = await refresh();
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toBe(r0);
    expect(first.body.token_type).toBe('DPoP');
    // A partner that lost the first answer retries long after: the grant survives.
    gw.clock.advance(61_000);
    const retry = await refresh();
    expect(retry.status).toBe(200);
    expect(retry.body.refresh_token).toBe(r0);
    const api = await access.call('GET', `/v1/consents/${access.consentId}`);
    expect(api.status).toBe(200);
  });

  it('refuses a refresh made with a DPoP key other than the one the grant is bound to', async () => {
    const access = await customerAccess(gw, { app: fapi, scope: 'consents:read' });
    const res = await tokenRequest(
      gw,
      fapi,
      { grant_type: 'refresh_token', refresh_token: access.tokens.refresh_token! },
      await createDpopKey(),
    );
    expect(res.body.error).toBe('invalid_dpop_proof');
  });

  it('refuses a refresh asking for a wider scope and changes nothing', async () => {
    const access = await customerAccess(gw, { app: bearer, scope: 'consents:read' });
    const r0 = access.tokens.refresh_token!;
    const wider = await tokenRequest(gw, bearer, {
      grant_type: 'refresh_token',
      refresh_token: r0,
      scope: 'consents:read payments:write',
    });
    expect(wider.body.error).toBe('invalid_scope');
    // Refused before rotation: the token the client holds is still its current one.
    gw.clock.advance(61_000);
    const ok = await tokenRequest(gw, bearer, { grant_type: 'refresh_token', refresh_token: r0 });
    expect(ok.status).toBe(200);
  });
});

describe('Refresh tokens of Bearer sandbox clients (RFC 9700 §4.14.2 rotation)', () => {
  it('rotates; the previous token works for a retry within the grace period, then its reuse revokes the grant', async () => {
    const access = await customerAccess(gw, { app: bearer, scope: 'consents:read' });
    const r0 = access.tokens.refresh_token!;
    const refresh = (token: string) =>
      tokenRequest(gw, bearer, { grant_type: 'refresh_token', refresh_token: token });
    const first = await refresh(r0);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(r0);
    expect((await refresh(r0)).status).toBe(200);
    gw.clock.advance(61_000);
    expect((await refresh(r0)).body.error).toBe('invalid_grant');
    expect((await refresh(first.body.refresh_token!)).body.error).toBe('invalid_grant');
  });
});

describe('Refresh response RFC 9396 §7', () => {
  it('carries the authorization_details granted, exactly as the code exchange did', async () => {
    for (const app of [fapi, bearer]) {
      const access = await customerAccess(gw, { app, authorization_details: DETAILS });
      const granted = (access.tokens as { authorization_details?: unknown }).authorization_details;
      expect(granted).toMatchObject(DETAILS);
      const res = await tokenRequest(
        gw,
        app,
        { grant_type: 'refresh_token', refresh_token: access.tokens.refresh_token! },
        access.key,
      );
      expect(res.status).toBe(200);
      expect((res.body as { authorization_details?: unknown }).authorization_details).toEqual(granted);
    }
  });
});
