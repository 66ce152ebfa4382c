import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { createApp, type Problem, type SignedIn, signUp } from './test-support';

let gw: TestGateway;
let dev: SignedIn;

beforeAll(async () => {
  gw = await createTestGateway();
  dev = await signUp(gw, { email: 'Ada@Shop.Example' });
});
afterAll(() => gw.close());

describe('developer API security', () => {
  it('a write with the session cookie needs the session’s X-CSRF-Token (403 otherwise); a token needs none', async () => {
    const missing = await createApp(gw, { Cookie: dev.cookie });
    expect(missing.status).toBe(403);
    expect((missing.body as unknown as Problem).code).toBe('csrf_token_invalid');
    const wrong = await createApp(gw, { Cookie: dev.cookie, 'X-CSRF-Token': 'x'.repeat(32) });
    expect(wrong.status).toBe(403);
    const other = await signUp(gw);
    const someoneElses = await createApp(gw, { Cookie: dev.cookie, 'X-CSRF-Token': other.csrf });
    expect(someoneElses.status).toBe(403);
    const byToken = await createApp(gw, dev.token);
    expect(byToken.status).toBe(201);
    // Reads need no CSRF token.
    expect((await gw.client.get('/v1/developer/apps', { Cookie: dev.cookie })).status).toBe(200);
  });

  it('another developer’s app is 404 on every route', async () => {
    const mine = (await createApp(gw, dev.session)).body;
    const other = await signUp(gw);
    const base = `/v1/developer/apps/${mine.id}`;
    const calls = [
      gw.client.get(base, other.session),
      gw.client.request('PATCH', base, { body: { name: 'Mine now' }, headers: other.session }),
      gw.client.post(`${base}/rotate-secret`, undefined, other.session),
      gw.client.get(`${base}/subscriptions`, other.session),
      gw.client.post(`${base}/subscriptions`, { product: 'events' }, other.session),
      gw.client.get(`${base}/webhook-endpoints`, other.session),
      gw.client.post(
        `${base}/webhook-endpoints`,
        { url: 'https://a.example/h', enabled_events: ['*'] },
        other.session,
      ),
      gw.client.get(`${base}/webhook-endpoints/we_x00000000/deliveries`, other.session),
      gw.client.post(`${base}/events/evt_x00000000/redeliver`, undefined, other.session),
      gw.client.get(`${base}/usage`, other.session),
    ];
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual(Array(calls.length).fill(404));
    const list = await gw.client.get<{ data: unknown[] }>('/v1/developer/apps', other.session);
    expect(list.body.data).toEqual([]);
  });
});
