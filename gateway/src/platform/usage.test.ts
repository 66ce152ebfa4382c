import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLog, usageDaily } from '../db/schema';
import { purgeExpired } from '../jobs/purge';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { DAY_MS } from './clock';
import { silentLogger } from './logger';
import { REQUEST_LOG_RETENTION_MS, UsageRecorder } from './usage';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

const entry = (i: number, at: Date, status = 200) => ({
  requestId: `req_usage${String(i).padStart(8, '0')}`,
  appId: 'app_usage',
  method: 'POST',
  path: '/v1/loan-offers',
  operation: 'POST /v1/loan-offers',
  status,
  latencyMs: i % 7,
  at,
});

describe('UsageRecorder', () => {
  it('writes every logged request and adds the counts to the day, flush after flush', async () => {
    const { db } = gw.services;
    const usage = new UsageRecorder(db, gw.clock, silentLogger);
    const at = gw.clock.now();
    for (let i = 0; i < 250; i++) usage.record(entry(i, at, i < 240 ? 201 : 409));
    await usage.flush();
    for (let i = 250; i < 300; i++) usage.record(entry(i, at));
    await usage.flush();

    const logged = await db.select().from(requestLog).where(eq(requestLog.appId, 'app_usage'));
    expect(logged).toHaveLength(300);
    const one = logged.find((r) => r.requestId === 'req_usage00000003')!;
    expect(one).toMatchObject({
      method: 'POST',
      status: 201,
      latencyMs: 3,
      operation: 'POST /v1/loan-offers',
    });
    expect(one.createdAt.getTime()).toBe(at.getTime());

    const days = await db.select().from(usageDaily).where(eq(usageDaily.appId, 'app_usage'));
    const byClass = Object.fromEntries(days.map((d) => [d.statusClass, d.count]));
    expect(byClass).toEqual({ '2xx': 290, '4xx': 10 });
  });

  it('a request id seen twice (a client reusing X-Request-Id) loses no metering', async () => {
    const { db } = gw.services;
    const usage = new UsageRecorder(db, gw.clock, silentLogger);
    const at = gw.clock.now();
    const twice = { ...entry(0, at), appId: 'app_reused', requestId: 'client-trace-1' };
    usage.record(twice);
    await usage.flush();
    usage.record(twice);
    usage.record({ ...entry(1, at), appId: 'app_reused' });
    await usage.flush();
    const logged = await db.select().from(requestLog).where(eq(requestLog.appId, 'app_reused'));
    expect(logged.map((r) => r.requestId).sort()).toEqual([
      'client-trace-1',
      'client-trace-1',
      'req_usage00000001',
    ]);
    const [day] = await db.select().from(usageDaily).where(eq(usageDaily.appId, 'app_reused'));
    expect(day?.count).toBe(3);
  });

  it('keeps the request log a week: the purge job deletes older entries only', async () => {
    const { db } = gw.services;
    const usage = new UsageRecorder(db, gw.clock, silentLogger);
    const now = gw.clock.now().getTime();
    usage.record({ ...entry(1000, new Date(now - REQUEST_LOG_RETENTION_MS - 1)), appId: 'app_retention' });
    usage.record({ ...entry(1001, new Date(now - DAY_MS)), appId: 'app_retention' });
    await usage.flush();
    await purgeExpired(db, gw.clock, gw.endings);
    const left = await db
      .select({ id: requestLog.requestId })
      .from(requestLog)
      .where(eq(requestLog.appId, 'app_retention'));
    expect(left.map((r) => r.id)).toEqual(['req_usage00001001']);
    expect(
      (await db.select({ n: count() }).from(requestLog).where(eq(requestLog.appId, 'app_usage')))[0]!.n,
    ).toBe(300);
  });
});
