import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consents, outboxEvents, payments, tokenGrants } from '../db/schema';
import { purgeExpired } from '../jobs/purge';
import { createDpopKey } from '../oauth/dpop-testing';
import { listCustomerConsents } from '../oauth/store/consents';
import { DAY_MS } from '../platform/clock';
import { balanceOf, checkLedgerInvariants } from '../platform/ledger';
import { depositOf, oneOff, pay, payer, refreshed, standing, usd } from '../products/payments/test-support';
import { createTestGateway, type TestGateway } from '../testing/harness';
import {
  apiAs,
  appToken,
  type CustomerAccess,
  clientAuth,
  createTestApp,
  customerAccess,
  pkcePair,
  type TestApp,
} from '../testing/oauth';
import { effectiveStatus } from './lifecycle';

/** DOMAIN.md "Consent": lifecycle, scoping and idempotency, on the wire. */

let gw: TestGateway;
let app: TestApp;

beforeAll(async () => {
  gw = await createTestGateway();
  app = await createTestApp(gw, { fapi: true });
});
afterAll(async () => {
  expect(await checkLedgerInvariants(gw.services.db)).toEqual([]);
  gw.close();
});

type Problem = { code: string; status: string; id: string };

async function adminOf(a: TestApp, scope = 'consents:read consents:write') {
  const key = await createDpopKey();
  return apiAs(gw, await appToken(gw, a, scope, key), key);
}

const paymentsOf = (consentId: string) =>
  gw.services.db.select().from(payments).where(eq(payments.consentId, consentId));

describe('a retry is answered from its record whatever the consent’s status is now', () => {
  it('a one-off payment retried after its consent is consumed replays the stored payment, never consent_inactive', async () => {
    const ava = await payer(gw, { app, details: oneOff(1_500) });
    const before = await balanceOf(gw.services.db, depositOf(gw, 'ava'));
    const first = await pay(ava, 1_500, { key: 'lost-answer-1' });
    expect(first.status, first.text).toBe(201);
    const retry = await pay(ava, 1_500, { key: 'lost-answer-1' });
    expect(retry.status, retry.text).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.text).toBe(first.text);
    expect(await paymentsOf(ava.consentId)).toHaveLength(1);
    expect(await balanceOf(gw.services.db, depositOf(gw, 'ava'))).toBe(before! - 1_500);
    // A new key is a new payment: the consent is used up.
    const again = await pay(ava, 1_500, { key: 'lost-answer-2' });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('consent_inactive');
  });

  it('a payment retried after the partner revoked the standing consent replays; a new one is refused', async () => {
    const ava = await payer(gw, { app, details: standing(10_000, 50_000, 'day') });
    const first = await pay(ava, 700, { key: 'before-revoke' });
    expect(first.status).toBe(201);
    expect((await ava.call('DELETE', `/v1/consents/${ava.consentId}`)).status).toBe(200);
    const retry = await pay(ava, 700, { key: 'before-revoke' });
    expect(retry.status, retry.text).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    const fresh = await pay(ava, 700, { key: 'after-revoke' });
    expect(fresh.status).toBe(401);
    expect(fresh.body.code).toBe('consent_inactive');
    expect(await paymentsOf(ava.consentId)).toHaveLength(1);
  });

  it('a replay needs a token that still authenticates: a token revoked by the partner gets 401, not the record', async () => {
    const ava = await payer(gw, { app, details: standing(10_000, 50_000, 'day') });
    expect((await pay(ava, 300, { key: 'revoked-token' })).status).toBe(201);
    const { body, headers } = await clientAuth(gw, ava.app, { token: ava.tokens.access_token });
    expect((await gw.client.request('POST', '/oauth/revoke', { body, headers })).status).toBe(200);
    const retry = await pay(ava, 300, { key: 'revoked-token' });
    expect(retry.status).toBe(401);
    expect(retry.body.code).toBe('unauthorized');
  });
});

describe('idempotency records remember who asked', () => {
  it('another customer’s token with the same key and body is 422 idempotency_key_reused, never the stored payment', async () => {
    const ava = await payer(gw, { app, details: standing(10_000, 50_000, 'day') });
    const dee = await payer(gw, { app, customer: 'dee', details: standing(10_000, 50_000, 'day') });
    const deeBefore = await balanceOf(gw.services.db, depositOf(gw, 'dee'));
    const avas = await pay(ava, 900, { key: 'shared-key' });
    expect(avas.status).toBe(201);
    const dees = await pay(dee, 900, { key: 'shared-key' });
    expect(dees.status, dees.text).toBe(422);
    expect(dees.body.code).toBe('idempotency_key_reused');
    expect(dees.text).not.toContain(avas.body.id);
    expect(await paymentsOf(dee.consentId)).toHaveLength(0);
    expect(await balanceOf(gw.services.db, depositOf(gw, 'dee'))).toBe(deeBefore);
  });

  it('another consent of the same customer with the same key is 422 too', async () => {
    const one = await payer(gw, { app, details: standing(10_000, 50_000, 'day') });
    const two = await payer(gw, { app, details: standing(10_000, 50_000, 'day') });
    expect((await pay(one, 400, { key: 'per-consent' })).status).toBe(201);
    const other = await pay(two, 400, { key: 'per-consent' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });
});

describe('a customer token reaches only its own customer', () => {
  it('another customer’s consent in the same app is 404 to GET and DELETE, and stays authorised', async () => {
    const ava = await customerAccess(gw, { app, scope: 'consents:read' });
    const hal = await customerAccess(gw, { app, customer: 'hal', scope: 'consents:read' });
    const read = await ava.call<Problem>('GET', `/v1/consents/${hal.consentId}`);
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('not_found');
    const revoke = await ava.call<Problem>('DELETE', `/v1/consents/${hal.consentId}`);
    expect(revoke.status).toBe(404);
    const [stored] = await gw.services.db.select().from(consents).where(eq(consents.id, hal.consentId));
    expect(stored?.status).toBe('authorised');
    expect((await hal.call('GET', `/v1/consents/${hal.consentId}`)).status).toBe(200);
    // Its own consent, it may read and give up.
    expect((await ava.call('GET', `/v1/consents/${ava.consentId}`)).status).toBe(200);
    expect((await ava.call('DELETE', `/v1/consents/${ava.consentId}`)).status).toBe(200);
  });

  it('an app token reads any consent of its app with consents:read and revokes with consents:write, never another app’s', async () => {
    const ava = await customerAccess(gw, { app, scope: 'consents:read' });
    const readOnly = await adminOf(app, 'consents:read');
    expect((await readOnly('GET', `/v1/consents/${ava.consentId}`)).status).toBe(200);
    const denied = await readOnly<Problem>('DELETE', `/v1/consents/${ava.consentId}`);
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('insufficient_scope');
    expect(denied.headers.get('WWW-Authenticate')).toContain('scope="consents:write"');
    const none = await adminOf(app, 'payments:read');
    expect((await none<Problem>('GET', `/v1/consents/${ava.consentId}`)).status).toBe(403);
    const stranger = await adminOf(await createTestApp(gw, { fapi: true }));
    expect((await stranger('GET', `/v1/consents/${ava.consentId}`)).status).toBe(404);
    expect((await stranger('DELETE', `/v1/consents/${ava.consentId}`)).status).toBe(404);
    const writer = await adminOf(app);
    const revoked = await writer<Problem>('DELETE', `/v1/consents/${ava.consentId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
  });

  it('PAR asking for an app-level scope with authorization_details is invalid_scope', async () => {
    const { challenge } = await pkcePair();
    for (const scope of ['events:read', 'webhooks:manage', 'consents:read events:read']) {
      const { body, headers } = await clientAuth(gw, app, {
        response_type: 'code',
        redirect_uri: 'https://shop.example/callback',
        scope,
        authorization_details: JSON.stringify([
          { type: 'payment_initiation', instructed_amount: usd(1_000) },
        ]),
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const res = await gw.client.request<{ error: string }>('POST', '/oauth/par', { body, headers });
      expect(res.status, scope).toBe(400);
      expect(res.body.error).toBe('invalid_scope');
    }
  });

  it('a customer consent never carries app-level scopes, even one stored with them before the rule', async () => {
    const gus = await customerAccess(gw, { app, customer: 'gus', scope: 'consents:read' });
    await gw.services.db
      .update(tokenGrants)
      .set({ scopes: ['consents:read', 'events:read', 'webhooks:manage'] })
      .where(eq(tokenGrants.consentId, gus.consentId));
    const widened: CustomerAccess = await refreshed(gw, gus);
    expect(widened.tokens.scope).toContain('events:read');
    const events = await widened.call<Problem>('GET', '/v1/events');
    expect(events.status).toBe(403);
    expect(events.body.code).toBe('insufficient_scope');
    expect((await widened.call('GET', '/v1/webhook-endpoints')).status).toBe(403);
  });
});

describe('consent expiry runs on the business clock', () => {
  it('past expires_at on the sandbox clock a consent reads expired everywhere at once and its tokens are refused', async () => {
    const sandboxApp = await createTestApp(gw, { fapi: true, name: 'Expiry Shop' });
    const ava = await customerAccess(gw, { app: sandboxApp, scope: 'consents:read' });
    const admin = await adminOf(sandboxApp, 'consents:read');
    const shown = await admin<{ expires_at: string; created_at: string }>(
      'GET',
      `/v1/consents/${ava.consentId}`,
    );
    expect(Date.parse(shown.body.expires_at) - Date.parse(shown.body.created_at)).toBe(180 * DAY_MS);

    const advance = await admin('POST', '/v1/sandbox/clock/advance', { days: 181 });
    expect(advance.status, advance.text).toBe(200);

    // Before any job has run: the API, the token, introspection and the account page agree.
    const read = await admin<{ status: string }>('GET', `/v1/consents/${ava.consentId}`);
    expect(read.body.status).toBe('expired');
    const refused = await ava.call<Problem>('GET', `/v1/consents/${ava.consentId}`);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('consent_inactive');
    const { body, headers } = await clientAuth(gw, sandboxApp, { token: ava.tokens.access_token });
    const introspected = await gw.client.request<{ active: boolean }>('POST', '/oauth/introspect', {
      body,
      headers,
    });
    expect(introspected.body.active).toBe(false);
    const { body: rBody, headers: rHeaders } = await clientAuth(gw, sandboxApp, {
      token: ava.tokens.refresh_token!,
    });
    const refresh = await gw.client.request<{ active: boolean }>('POST', '/oauth/introspect', {
      body: rBody,
      headers: rHeaders,
    });
    expect(refresh.body.active).toBe(false);
    const customerId = (
      await gw.services.db.select().from(consents).where(eq(consents.id, ava.consentId))
    )[0]!.customerId!;
    const dashboard = await listCustomerConsents(gw.services, customerId);
    expect(dashboard.find((r) => r.consent.id === ava.consentId)?.consent.status).toBe('expired');

    // The purge job writes it, ends the grant and tells the app once, however often it runs.
    await purgeExpired(gw.services.db, gw.clock, gw.endings);
    await purgeExpired(gw.services.db, gw.clock, gw.endings);
    const [stored] = await gw.services.db.select().from(consents).where(eq(consents.id, ava.consentId));
    expect(stored?.status).toBe('expired');
    const events = await gw.services.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.appId, sandboxApp.id), eq(outboxEvents.type, 'consent.expired')));
    expect(events).toHaveLength(1);
    expect(events[0]!.data.object).toMatchObject({ id: ava.consentId, status: 'expired' });
    const grants = await gw.services.db
      .select()
      .from(tokenGrants)
      .where(eq(tokenGrants.consentId, ava.consentId));
    expect(grants.every((g) => g.status === 'revoked' && g.revokedReason === 'consent_expired')).toBe(true);

    // A consent given now is dated on the sandbox clock: 180 days from the sandbox's now.
    const later = await customerAccess(gw, { app: sandboxApp, scope: 'consents:read' });
    const fresh = await admin<{ status: string; created_at: string; expires_at: string }>(
      'GET',
      `/v1/consents/${later.consentId}`,
    );
    expect(fresh.body.status).toBe('authorised');
    expect(Date.parse(fresh.body.created_at)).toBeGreaterThanOrEqual(
      gw.clock.now().getTime() + 181 * DAY_MS - 1000,
    );
  });

  it('effective status: authorised past expiry is expired; other statuses stay as they are', () => {
    const at = new Date('2026-11-22T10:00:00Z');
    const past = new Date(at.getTime() - 1);
    expect(effectiveStatus({ status: 'authorised', expiresAt: past }, at)).toBe('expired');
    expect(effectiveStatus({ status: 'authorised', expiresAt: at }, at)).toBe('expired');
    expect(effectiveStatus({ status: 'authorised', expiresAt: new Date(at.getTime() + 1) }, at)).toBe(
      'authorised',
    );
    expect(effectiveStatus({ status: 'revoked', expiresAt: past }, at)).toBe('revoked');
    expect(effectiveStatus({ status: 'consumed', expiresAt: past }, at)).toBe('consumed');
    expect(effectiveStatus({ status: 'authorised', expiresAt: null }, at)).toBe('authorised');
  });
});
