import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../../db/schema';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type AppBody, createApp, type Problem, type SignedIn, signUp } from './test-support';

let gw: TestGateway;
let dev: SignedIn;
let app: AppBody;
let endpointId: string;

beforeAll(async () => {
  gw = await createTestGateway();
  dev = await signUp(gw, { email: 'tester@shop.example' });
  app = (await createApp(gw, dev.session, {})).body;
  const created = await gw.client.post<{ id: string }>(
    `/v1/developer/apps/${app.id}/webhook-endpoints`,
    { url: 'https://hooks.shop.example/tessera', enabled_events: ['*'] },
    dev.session,
  );
  endpointId = created.body.id;
});
afterAll(() => gw.close());

const testPath = () => `/v1/developer/apps/${app.id}/webhook-endpoints/${endpointId}/test`;

describe('test events from the console (POST /v1/developer/apps/{id}/webhook-endpoints/{endpoint_id}/test)', () => {
  it('queues a test event to the app’s endpoint, as the partner API does, and logs it', async () => {
    const res = await gw.client.post<{ id: string; type: string; test: boolean; livemode: boolean }>(
      testPath(),
      { type: 'refund.succeeded' },
      dev.session,
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ type: 'refund.succeeded', test: true, livemode: false });
    const queued = await gw.services.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventId, res.body.id));
    expect(queued.map((d) => [d.endpointId, d.status])).toEqual([[endpointId, 'pending']]);
  });

  it('needs the session’s CSRF token, like every change made with the cookie', async () => {
    const res = await gw.client.post<Problem>(
      testPath(),
      { type: 'refund.succeeded' },
      { Cookie: dev.cookie },
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_token_invalid');
  });

  it('is 404 for another developer’s app', async () => {
    const other = await signUp(gw, { email: 'someone@else.example' });
    const res = await gw.client.post<Problem>(testPath(), { type: 'refund.succeeded' }, other.session);
    expect(res.status).toBe(404);
  });
});
