import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { apps, developers, idempotencyKeys, sandboxes } from '../db/schema';
import { DAY_MS } from '../platform/clock';
import { SANDBOX_DEVELOPER_EMAIL } from '../sandbox/seed/demo';
import { testD1 } from '../testing/d1';
import worker from './worker';

const db = testD1();
const rows = async (table: typeof developers | typeof sandboxes | typeof apps) =>
  (await db.select({ n: count() }).from(table))[0]?.n;

// The entry module as wrangler.toml deploys it: bindings, per-isolate app, seeding, cron.
describe('worker entry', () => {
  it('logs "sandbox seeded" without the client secret or any token', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    try {
      const fresh = { ...env, LOG_LEVEL: 'info' };
      await worker.fetch(new Request('http://gateway.test/health'), fresh, createExecutionContext());
    } finally {
      spy.mockRestore();
    }
    const seeded = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'sandbox seeded');
    expect(seeded?.app_id).toMatch(/^app_/);
    expect(seeded).not.toHaveProperty('client_secret');
    expect(lines.join('\n')).not.toMatch(/sk_sandbox_|dat_[0-9A-Za-z]{40}|iat_[0-9A-Za-z]{40}/);
  });

  it('starts seeding the sandbox once, however many first requests arrive together', async () => {
    // A copy of env is a new key for the per-isolate cache: this is the isolate's first request.
    const fresh = { ...env };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        worker.fetch(new Request('http://gateway.test/health'), fresh, createExecutionContext()),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await db.select({ email: developers.email }).from(developers)).toEqual([
      { email: SANDBOX_DEVELOPER_EMAIL },
    ]);
    expect(await rows(sandboxes)).toBe(1);
  });

  it('serves the app through the default export', async () => {
    const res = await exports.default.fetch('http://gateway.test/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('Request-Id')).toMatch(/^req_/);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('finishes seeding: the demo app exists', async () => {
    await worker.fetch(new Request('http://gateway.test/health'), env, createExecutionContext());
    expect(await rows(apps)).toBe(1);
  });

  it('scheduled() purges expired idempotency keys', async () => {
    const past = new Date(Date.now() - 2 * DAY_MS);
    await db.insert(idempotencyKeys).values({
      appId: 'app_expired',
      key: 'k',
      requestHash: 'h',
      responseStatus: 201,
      responseBody: '{}',
      createdAt: past,
      expiresAt: new Date(past.getTime() + DAY_MS),
    });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.appId, 'app_expired'))).toEqual(
      [],
    );
  });
});
