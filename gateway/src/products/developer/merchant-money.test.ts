import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../../db/schema';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import type { World } from '../loans/test-support';
import { merchantCaller, newWorld, payIn, usd } from '../merchant/test-support';
import { type Problem, type SignedIn, signUp } from './test-support';

let gw: TestGateway;
let partner: SignedIn;
let world: World;
let txnId = '';

beforeAll(async () => {
  gw = await createTestGateway();
  partner = await signUp(gw);
  world = await newWorld(gw, 'Console Money Shop');
  await gw.services.db.update(apps).set({ developerId: partner.id }).where(eq(apps.id, world.app.id));
  await payIn(gw, world, 'ava', 10_000);
  const shop = await merchantCaller(gw, world.app);
  txnId = (await shop<{ data: { id: string }[] }>('GET', '/v1/balance-transactions')).body.data[0]!.id;
});
afterAll(() => gw.close());

describe('the console’s merchant view reads what the app itself reads', () => {
  it('balance, balance transactions (and one by id), payouts and the settlement report as JSON and CSV', async () => {
    const base = `/v1/developer/apps/${world.app.id}`;
    const balance = await gw.client.get<{ pending: unknown[] }>(`${base}/balance`, partner.session);
    expect(balance.status, balance.text).toBe(200);
    expect(balance.body.pending).toEqual([usd(9_950)]);
    const txns = await gw.client.get<{ data: { id: string }[] }>(
      `${base}/balance-transactions`,
      partner.session,
    );
    expect(txns.body.data.map((t) => t.id)).toEqual([txnId]);
    const one = await gw.client.get<{ id: string; fee: unknown }>(
      `${base}/balance-transactions/${txnId}`,
      partner.session,
    );
    expect(one.body).toMatchObject({ id: txnId, fee: usd(50) });
    expect((await gw.client.get(`${base}/payouts`, partner.session)).status).toBe(200);
    const report = await gw.client.get<{ totals: { net: number }[] }>(
      `${base}/reports/settlement?date=2026-11-22`,
      partner.session,
    );
    expect(report.body.totals[0]!.net).toBe(9_950);
    const csv = await gw.client.get<string>(`${base}/reports/settlement?date=2026-11-22`, {
      ...partner.session,
      Accept: 'text/csv',
    });
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="settlement-2026-11-22.csv"');
    expect(csv.text).toContain(`${txnId},`);
  });

  it('another developer’s app is not found, and so is another app’s balance transaction', async () => {
    const stranger = await signUp(gw);
    const res = await gw.client.get<Problem>(`/v1/developer/apps/${world.app.id}/balance`, stranger.session);
    expect(res.status).toBe(404);
    const other = await newWorld(gw, 'Other Money Shop');
    await gw.services.db.update(apps).set({ developerId: partner.id }).where(eq(apps.id, other.app.id));
    const crossed = await gw.client.get<Problem>(
      `/v1/developer/apps/${other.app.id}/balance-transactions/${txnId}`,
      partner.session,
    );
    expect(crossed.status).toBe(404);
  });
});
