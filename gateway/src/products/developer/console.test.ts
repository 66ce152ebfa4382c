import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, rfc3339 } from '../../platform/clock';
import { randomIds } from '../../platform/context';
import { eventStatement } from '../../platform/outbox';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import {
  type AppBody,
  clientCredentials,
  createApp,
  type Problem,
  type SignedIn,
  sessionCookie,
  signUp,
} from './test-support';

let gw: TestGateway;
let dev: SignedIn;

beforeAll(async () => {
  gw = await createTestGateway();
  dev = await signUp(gw, { email: 'Ada@Shop.Example' });
});
afterAll(() => gw.close());

describe('apps, secrets and the console flow', () => {
  let app: AppBody;
  let firstSecret: string;

  it('creates a sandbox app and shows its client secret once', async () => {
    const res = await createApp(gw, dev.session, { products: ['payments'] });
    expect(res.status).toBe(201);
    app = res.body;
    firstSecret = res.body.client_secret!;
    expect(firstSecret).toMatch(/^sk_sandbox_/);
    expect(res.body).toMatchObject({
      object: 'app',
      mode: 'sandbox',
      token_endpoint_auth_method: 'client_secret_basic',
      developer: dev.id,
    });
    // Every app is a merchant: its own balance and payouts come with it, whatever the products.
    expect(res.body.scopes).toEqual([
      'balance:read',
      'consents:read',
      'consents:write',
      'funds:confirm',
      'payments:read',
      'payments:write',
      'payouts:read',
      'payouts:write',
    ]);
    expect((await clientCredentials(gw, app.id, firstSecret)).status).toBe(200);
  });

  it('never shows the secret or its hash again', async () => {
    const got = await gw.client.get<AppBody>(`/v1/developer/apps/${app.id}`, dev.session);
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty('client_secret');
    expect(got.text).not.toContain(firstSecret);
    expect(got.text).not.toMatch(/secret_hash|clientSecretHash/);
    const list = await gw.client.get<{ data: AppBody[] }>('/v1/developer/apps', dev.session);
    expect(list.body.data.map((a) => a.id)).toEqual([app.id]);
    expect(list.text).not.toContain(firstSecret);
    expect(list.text).not.toMatch(/"client_secret"|secret_hash/);
  });

  it('rotates the secret: both work for 24 h, then only the new one', async () => {
    const rotated = await gw.client.post<AppBody>(
      `/v1/developer/apps/${app.id}/rotate-secret`,
      undefined,
      dev.session,
    );
    expect(rotated.status).toBe(200);
    const secret = rotated.body.client_secret!;
    expect(secret).not.toBe(firstSecret);
    expect(rotated.body.previous_client_secret_expires_at).toBe(
      rfc3339(new Date(gw.clock.now().getTime() + DAY_MS)),
    );
    expect((await clientCredentials(gw, app.id, firstSecret)).status).toBe(200);
    expect((await clientCredentials(gw, app.id, secret)).status).toBe(200);
    expect((await clientCredentials(gw, app.id, 'sk_sandbox_guess')).status).toBe(401);

    gw.clock.advance(DAY_MS - 1000);
    expect((await clientCredentials(gw, app.id, firstSecret)).status).toBe(200);
    gw.clock.advance(2000);
    const expired = await clientCredentials(gw, app.id, firstSecret);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('invalid_client');
    expect((await clientCredentials(gw, app.id, secret)).status).toBe(200);

    // The portal session (12 h) has ended meanwhile; the API token still works.
    expect((await gw.client.get('/v1/developer/me', { Cookie: dev.cookie })).status).toBe(401);
    const again = await gw.client.post<{ csrf_token: string }>('/v1/developer/signin', {
      email: 'ada@shop.example',
      password: 'correct horse battery',
    });
    dev.cookie = sessionCookie(again);
    dev.csrf = again.body.csrf_token;
    dev.session = { Cookie: dev.cookie, 'X-CSRF-Token': dev.csrf };
  });

  it('adds a redirect URI, and refuses one that is not https or loopback', async () => {
    const uris = ['https://shop.example/callback', 'http://127.0.0.1:4000/callback'];
    const res = await gw.client.request<AppBody>('PATCH', `/v1/developer/apps/${app.id}`, {
      body: { redirect_uris: uris, logo_uri: 'https://shop.example/logo.png' },
      headers: dev.session,
    });
    expect(res.status).toBe(200);
    expect(res.body.redirect_uris).toEqual(uris);
    const bad = await gw.client.request<Problem>('PATCH', `/v1/developer/apps/${app.id}`, {
      body: { redirect_uris: ['https://shop.example/callback', 'http://shop.example/cb'] },
      headers: dev.session,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.path).toBe('redirect_uris[1]');
    const insecureLogo = await gw.client.request<Problem>('PATCH', `/v1/developer/apps/${app.id}`, {
      body: { logo_uri: 'http://shop.example/logo.png' },
      headers: dev.session,
    });
    expect(insecureLogo.status).toBe(400);
  });

  it('private_key_jwt needs keys, and has no secret to rotate', async () => {
    const none = await createApp(gw, dev.session, { token_endpoint_auth_method: 'private_key_jwt' });
    expect(none.status).toBe(400);
    const jwt = await createApp(gw, dev.session, {
      token_endpoint_auth_method: 'private_key_jwt',
      jwks_uri: 'https://shop.example/.well-known/jwks.json',
    });
    expect(jwt.status).toBe(201);
    expect(jwt.body.client_secret).toBeNull();
    const rotate = await gw.client.post<Problem>(
      `/v1/developer/apps/${jwt.body.id}/rotate-secret`,
      undefined,
      dev.session,
    );
    expect(rotate.status).toBe(409);
    expect(rotate.body.code).toBe('no_client_secret');
    const clear = await gw.client.request<Problem>('PATCH', `/v1/developer/apps/${jwt.body.id}`, {
      body: { jwks_uri: null },
      headers: dev.session,
    });
    expect(clear.status).toBe(400);
  });

  it('manages webhook endpoints through the partner API’s services', async () => {
    const created = await gw.client.post<{ id: string; secret: string; livemode: boolean }>(
      `/v1/developer/apps/${app.id}/webhook-endpoints`,
      { url: 'https://hooks.shop.example/tessera', enabled_events: ['payment.succeeded'] },
      dev.session,
    );
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(created.body.livemode).toBe(false);
    const refused = await gw.client.post<Problem>(
      `/v1/developer/apps/${app.id}/webhook-endpoints`,
      { url: 'https://169.254.169.254/latest', enabled_events: ['*'] },
      dev.session,
    );
    expect(refused.status).toBe(400);
    const list = await gw.client.get<{ data: { id: string }[] }>(
      `/v1/developer/apps/${app.id}/webhook-endpoints`,
      dev.session,
    );
    expect(list.body.data.map((e) => e.id)).toEqual([created.body.id]);
    expect(list.text).not.toContain(created.body.secret);
    const deliveries = await gw.client.get<{ data: unknown[] }>(
      `/v1/developer/apps/${app.id}/webhook-endpoints/${created.body.id}/deliveries`,
      dev.session,
    );
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.data).toEqual([]);

    const event = eventStatement(
      { db: gw.services.db, clock: gw.clock, ids: randomIds, requestId: 'test' },
      {
        appId: app.id,
        mode: 'sandbox',
        type: 'payment.succeeded',
        object: { id: 'pay_x', object: 'payment' },
      },
    );
    await gw.services.db.batch([event.statement]);
    const redelivered = await gw.client.post<{ webhook_endpoints: string[] }>(
      `/v1/developer/apps/${app.id}/events/${event.id}/redeliver`,
      undefined,
      dev.session,
    );
    expect(redelivered.status).toBe(202);
    expect(redelivered.body.webhook_endpoints).toEqual([created.body.id]);
    const unknown = await gw.client.post(
      `/v1/developer/apps/${app.id}/events/evt_doesnotexist000000000/redeliver`,
      undefined,
      dev.session,
    );
    expect(unknown.status).toBe(404);
  });

  it('lists the sandbox with its customers, logins and balances, and advances its clock', async () => {
    const res = await gw.client.get<{
      id: string;
      password: string;
      one_time_code: string;
      clock: { now: string; offset_seconds: number };
      customers: { login: string; deposit_balance: { amount: number; currency: string } | null }[];
    }>('/v1/developer/sandbox', dev.session);
    expect(res.status).toBe(200);
    expect(res.body.id).toMatch(/^sbx_/);
    expect(res.body).toMatchObject({ password: 'sandbox', one_time_code: '123456' });
    expect(res.body.customers.map((c) => c.login)).toEqual([
      'ava',
      'ben',
      'cam',
      'dee',
      'eli',
      'fay',
      'gus',
      'hal',
    ]);
    expect(res.body.customers[0]!.deposit_balance).toEqual({ amount: 1_200_000, currency: 'USD' });
    expect(res.body.clock.now).toBe(rfc3339(gw.clock.now()));
    // Each developer has a sandbox of their own.
    expect(res.body.id).not.toBe(gw.seed.sandboxId);

    const advanced = await gw.client.post<{ now: string; offset_seconds: number }>(
      '/v1/developer/sandbox/clock/advance',
      { days: 30 },
      dev.session,
    );
    expect(advanced.status).toBe(200);
    expect(advanced.body.now).toBe(rfc3339(new Date(gw.clock.now().getTime() + 30 * DAY_MS)));
    const more = await gw.client.post<{ offset_seconds: number }>(
      '/v1/developer/sandbox/clock/advance',
      { seconds: 3600 },
      dev.session,
    );
    expect(more.body.offset_seconds).toBe(30 * 86_400 + 3600);
    const after = await gw.client.get<{ clock: { now: string } }>('/v1/developer/sandbox', dev.session);
    expect(after.body.clock.now).toBe(rfc3339(new Date(gw.clock.now().getTime() + 30 * DAY_MS + HOUR_MS)));
    const both = await gw.client.post(
      '/v1/developer/sandbox/clock/advance',
      { days: 1, seconds: 1 },
      dev.session,
    );
    expect(both.status).toBe(400);
    const back = await gw.client.post('/v1/developer/sandbox/clock/advance', { days: -1 }, dev.session);
    expect(back.status).toBe(400);
  });
});
