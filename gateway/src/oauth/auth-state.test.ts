import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, consents } from '../db/schema';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { apiAs, appToken, clientAuth, createTestApp, customerAccess, tokenRequest } from '../testing/oauth';
import { createDpopKey } from './dpop-testing';
import { readAuthStateVersion } from './store/grants';

// Two gateways over one database file: two processes of one deployment. Each caches token
// contexts; neither is the only writer, so each must see what the other changed.
let a: TestGateway;
let b: TestGateway;
let solo: TestGateway;

beforeAll(async () => {
  a = await createTestGateway({ shared: true });
  b = await createTestGateway({ sharing: a });
  solo = await createTestGateway();
});
afterAll(() => {
  b.close();
  a.close();
  solo.close();
});

async function revokeToken(gw: TestGateway, app: Parameters<typeof clientAuth>[1], token: string) {
  const { body, headers } = await clientAuth(gw, app, { token });
  return gw.client.request('POST', '/oauth/revoke', { body, headers });
}

describe('Revocation is effective on the next request of every instance', () => {
  it('refuses on instance B, on its next request, an access token revoked through instance A', async () => {
    const access = await customerAccess(a, { scope: 'consents:read' });
    const onB = apiAs(b, access.tokens.access_token, access.key);
    expect((await onB('GET', `/v1/consents/${access.consentId}`)).status).toBe(200);
    expect((await onB('GET', `/v1/consents/${access.consentId}`)).status).toBe(200);
    expect((await revokeToken(a, access.app, access.tokens.access_token)).status).toBe(200);
    const after = await onB<{ code: string }>('GET', `/v1/consents/${access.consentId}`);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthorized');
  });

  it('refuses on instance B, on its next request, a token whose consent was revoked through instance A', async () => {
    const access = await customerAccess(a, { scope: 'consents:read' });
    const onB = apiAs(b, access.tokens.access_token, access.key);
    expect((await onB('GET', `/v1/consents/${access.consentId}`)).status).toBe(200);
    expect((await access.call('DELETE', `/v1/consents/${access.consentId}`)).status).toBe(200);
    const after = await onB<{ code: string }>('GET', `/v1/consents/${access.consentId}`);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('consent_inactive');
  });

  it("refuses on instance B, on its next request, the tokens of an app instance A's database disabled", async () => {
    const app = await createTestApp(a);
    const token = await appToken(a, app, 'events:read');
    const onB = apiAs(b, token);
    expect((await onB('GET', '/v1/events')).status).toBe(200);
    await a.services.db.update(apps).set({ status: 'disabled' }).where(eq(apps.id, app.id));
    expect((await onB('GET', '/v1/events')).status).toBe(401);
  });

  it('expires on instance B a consent whose sandbox clock instance A moved past its expiry', async () => {
    const access = await customerAccess(a, { scope: 'consents:read' });
    const onB = apiAs(b, access.tokens.access_token, access.key);
    expect((await onB('GET', `/v1/consents/${access.consentId}`)).status).toBe(200);
    const admin = await appToken(a, access.app, undefined, access.key);
    const moved = await apiAs(a, admin, access.key)('POST', '/v1/sandbox/clock/advance', { days: 181 });
    expect(moved.status).toBe(200);
    const after = await onB<{ code: string }>('GET', `/v1/consents/${access.consentId}`);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('consent_inactive');
  });
});

describe('Consent reads are cached only while the auth state is unchanged', () => {
  it('shows on instance B, on its next read, a consent revoked through instance A, to an app token', async () => {
    const access = await customerAccess(a, { scope: 'consents:read' });
    const admin = apiAs(b, await appToken(b, access.app, 'consents:read', access.key), access.key);
    const read = () => admin<{ status: string }>('GET', `/v1/consents/${access.consentId}`);
    expect((await read()).body.status).toBe('authorised');
    expect((await read()).body.status).toBe('authorised');
    expect((await access.call('DELETE', `/v1/consents/${access.consentId}`)).status).toBe(200);
    expect((await read()).body.status).toBe('revoked');
  });

  it('shows the only writer, on its next read, a consent revoked by a direct database write', async () => {
    const access = await customerAccess(solo, { scope: 'consents:read' });
    const admin = apiAs(solo, await appToken(solo, access.app, 'consents:read', access.key), access.key);
    const read = () =>
      admin<{ status: string; revoked_by: string | null }>('GET', `/v1/consents/${access.consentId}`);
    expect((await read()).body.status).toBe('authorised');
    await solo.services.db
      .update(consents)
      .set({ status: 'revoked', revokedAt: solo.clock.now(), revokedBy: 'bank' })
      .where(eq(consents.id, access.consentId));
    const after = await read();
    expect(after.body.status).toBe('revoked');
    expect(after.body.revoked_by).toBe('bank');
  });
});

describe('Client authentication sees a changed client on the next request of every instance', () => {
  it('refuses on instance B the next token request of a client disabled through instance A', async () => {
    const app = await createTestApp(a, { fapi: true });
    const key = await createDpopKey();
    expect((await tokenRequest(b, app, { grant_type: 'client_credentials' }, key)).status).toBe(200);
    await a.services.db.update(apps).set({ status: 'disabled' }).where(eq(apps.id, app.id));
    const after = await tokenRequest(b, app, { grant_type: 'client_credentials' }, key);
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('invalid_client');
  });
});

describe('The only writer sees its own writes on the next request, whichever code made them', () => {
  it('refuses the next request after a consent is revoked by a direct database write (a job, an operator)', async () => {
    const access = await customerAccess(solo, { scope: 'consents:read' });
    expect((await access.call('GET', `/v1/consents/${access.consentId}`)).status).toBe(200);
    await solo.services.db
      .update(consents)
      .set({ status: 'revoked', revokedAt: solo.clock.now(), revokedBy: 'bank' })
      .where(eq(consents.id, access.consentId));
    const after = await access.call<{ code: string }>('GET', `/v1/consents/${access.consentId}`);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('consent_inactive');
  });
});

describe('auth_state_version moves with every change a token context can see', () => {
  it('is raised by revoking a token, revoking a consent and changing an app, and not by reads', async () => {
    const { db } = solo.services;
    const access = await customerAccess(solo, { scope: 'consents:read' });
    const v0 = await readAuthStateVersion(db);
    await access.call('GET', `/v1/consents/${access.consentId}`);
    expect(await readAuthStateVersion(db)).toBe(v0);
    await access.call('DELETE', `/v1/consents/${access.consentId}`);
    const v1 = await readAuthStateVersion(db);
    expect(v1).toBeGreaterThan(v0);
    await revokeToken(solo, access.app, access.tokens.access_token);
    const v2 = await readAuthStateVersion(db);
    expect(v2).toBeGreaterThan(v1);
    await db.update(apps).set({ plan: 'growth' }).where(eq(apps.id, access.app.id));
    expect(await readAuthStateVersion(db)).toBeGreaterThan(v2);
  });
});
