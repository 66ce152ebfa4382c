import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type AppBody, createApp, type Problem, type SignedIn, signUp } from './test-support';

let gw: TestGateway;
let dev: SignedIn;
let app: AppBody;

beforeAll(async () => {
  gw = await createTestGateway();
  dev = await signUp(gw, { email: 'ada@shop.example' });
  app = (await createApp(gw, dev.session, { products: ['payments'] })).body;
});
afterAll(() => gw.close());

describe('product subscriptions', () => {
  it('subscriptions: sandbox at once, live requested, then approved by bank staff with an audit row', async () => {
    const products = await gw.client.get<{ data: { id: string; scopes: string[] }[] }>(
      '/v1/developer/products',
      dev.session,
    );
    expect(products.body.data.map((p) => p.id)).toEqual([
      'payments',
      'credit_scores',
      'checkout_credit',
      'credit_lines',
      'events',
    ]);

    const sandbox = await gw.client.post<{ status: string; id: string }>(
      `/v1/developer/apps/${app.id}/subscriptions`,
      { product: 'credit_scores', mode: 'sandbox' },
      dev.session,
    );
    expect(sandbox.status).toBe(201);
    expect(sandbox.body.status).toBe('active');
    const scopes = (await gw.client.get<AppBody>(`/v1/developer/apps/${app.id}`, dev.session)).body.scopes;
    expect(scopes).toContain('credit_score:read');
    const twice = await gw.client.post<Problem>(
      `/v1/developer/apps/${app.id}/subscriptions`,
      { product: 'credit_scores', mode: 'sandbox' },
      dev.session,
    );
    expect(twice.body.code).toBe('subscription_exists');

    const live = await gw.client.post<{ status: string; id: string }>(
      `/v1/developer/apps/${app.id}/subscriptions`,
      { product: 'credit_scores', mode: 'live' },
      dev.session,
    );
    expect(live.status).toBe(201);
    expect(live.body.status).toBe('requested');

    const notStaff = await gw.client.get<Problem>(
      '/v1/developer/admin/subscriptions?status=requested',
      dev.session,
    );
    expect(notStaff.status).toBe(403);
    expect(notStaff.body.code).toBe('bank_staff_only');
    const notStaffApprove = await gw.client.post(
      `/v1/developer/admin/subscriptions/${live.body.id}/approve`,
      undefined,
      dev.session,
    );
    expect(notStaffApprove.status).toBe(403);

    const staff = await signUp(gw, { role: 'bank_staff' });
    const queue = await gw.client.get<{ data: { id: string; app_name: string; developer_email: string }[] }>(
      '/v1/developer/admin/subscriptions?status=requested',
      staff.session,
    );
    expect(queue.status).toBe(200);
    expect(queue.body.data).toEqual([
      expect.objectContaining({
        id: live.body.id,
        app_name: 'Console Shop',
        developer_email: 'ada@shop.example',
      }),
    ]);
    const approved = await gw.client.post<{ status: string; decided_by: string; note: string }>(
      `/v1/developer/admin/subscriptions/${live.body.id}/approve`,
      { note: 'Welcome to live.' },
      staff.session,
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', decided_by: staff.id, note: 'Welcome to live.' });
    const audit = await gw.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, live.body.id), eq(auditLog.action, 'product_subscription.approved')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'bank', actorId: staff.id, appId: app.id });
    const again = await gw.client.post<Problem>(
      `/v1/developer/admin/subscriptions/${live.body.id}/reject`,
      undefined,
      staff.session,
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('subscription_not_pending');

    const mine = await gw.client.get<{ data: { product: string; mode: string; status: string }[] }>(
      `/v1/developer/apps/${app.id}/subscriptions`,
      dev.session,
    );
    expect(mine.body.data.map((s) => `${s.product}/${s.mode}/${s.status}`).sort()).toEqual([
      'credit_scores/live/active',
      'credit_scores/sandbox/active',
      'payments/sandbox/active',
    ]);

    const partners = await gw.client.get<{
      data: { id: string; apps: { id: string; subscriptions: Record<string, number> }[] }[];
    }>('/v1/developer/admin/partners', staff.session);
    expect(partners.status).toBe(200);
    const ada = partners.body.data.find((p) => p.id === dev.id)!;
    expect(ada.apps.find((a) => a.id === app.id)?.subscriptions).toEqual({
      active: 3,
      requested: 0,
      rejected: 0,
    });
    expect((await gw.client.get('/v1/developer/admin/partners', dev.session)).status).toBe(403);
    // Bank staff see every app; partners only their own.
    expect((await gw.client.get(`/v1/developer/apps/${app.id}`, staff.session)).status).toBe(200);
    const staffList = await gw.client.get<{ data: { id: string }[] }>('/v1/developer/apps', staff.session);
    expect(staffList.body.data.map((a) => a.id)).toContain(app.id);
    // ...but change only their own.
    const staffRotate = await gw.client.post<Problem>(
      `/v1/developer/apps/${app.id}/rotate-secret`,
      undefined,
      staff.session,
    );
    expect(staffRotate.status).toBe(403);
    expect(staffRotate.body.code).toBe('forbidden');
  });

  it('rejecting a request keeps the note; the partner may ask again', async () => {
    const staff = await signUp(gw, { role: 'bank_staff' });
    const asked = await gw.client.post<{ id: string }>(
      `/v1/developer/apps/${app.id}/subscriptions`,
      { product: 'checkout_credit', mode: 'live' },
      dev.session,
    );
    const rejected = await gw.client.post<{ status: string; note: string }>(
      `/v1/developer/admin/subscriptions/${asked.body.id}/reject`,
      { note: 'Send us your lending licence first.' },
      staff.session,
    );
    expect(rejected.body).toMatchObject({ status: 'rejected', note: 'Send us your lending licence first.' });
    const retry = await gw.client.post<{ id: string; status: string }>(
      `/v1/developer/apps/${app.id}/subscriptions`,
      { product: 'checkout_credit', mode: 'live' },
      dev.session,
    );
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ id: asked.body.id, status: 'requested' });
  });
});
