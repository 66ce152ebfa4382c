import { eq, sql } from 'drizzle-orm';
import { apps, auditLog } from '../../db/schema';
import { createDpopKey, type DpopKey } from '../../oauth/dpop-testing';
import { ManualClock } from '../../platform/clock';
import { randomIds } from '../../platform/context';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { apiAs, appToken, createTestApp, type TestApp } from '../../testing/oauth';
import { webhookEndpointsRouter } from '../webhook-endpoints';
import { eventsRouter } from '.';
import type { Receiver } from './webhooks/test-support';

/** Test helpers (Node only) for the events and webhook-endpoint routes. */

/** The gateway with the events and webhook-endpoint routers mounted (once, should app.ts have them). */
export async function createEventsGateway(env?: Record<string, string>): Promise<TestGateway> {
  const gw = await createTestGateway(env ? { env } : {});
  const mounted = (path: string) => gw.app.routes.some((r) => r.path === path);
  if (!mounted('/v1/events')) gw.app.route('/', eventsRouter());
  if (!mounted('/v1/webhook-endpoints')) gw.app.route('/', webhookEndpointsRouter());
  return gw;
}

export interface Partner {
  app: TestApp;
  key: DpopKey;
  call: ReturnType<typeof apiAs>;
  /** A new client-credentials token, e.g. after moving the clock past the first one's expiry. */
  fresh(scope?: string): Promise<ReturnType<typeof apiAs>>;
}

/**
 * A FAPI-style app (private_key_jwt, DPoP) with a client-credentials token. `live` turns the app
 * into a live one before the token is issued, since the token context reads the app's mode.
 */
export async function partner(
  gw: TestGateway,
  opts: { scope?: string; live?: boolean } = {},
): Promise<Partner> {
  const app = await createTestApp(gw, { fapi: true });
  if (opts.live) await gw.services.db.update(apps).set({ mode: 'live' }).where(eq(apps.id, app.id));
  const key = await createDpopKey();
  const fresh = async (scope = opts.scope ?? 'events:read webhooks:manage') =>
    apiAs(gw, await appToken(gw, app, scope, key), key);
  return { app, key, call: await fresh(), fresh };
}

/** What the dispatcher needs, over the gateway's database and clock, with Node's fetch. */
export function dispatcherDeps(gw: TestGateway) {
  return {
    db: gw.services.db,
    clock: gw.clock,
    ids: randomIds,
    fetch,
    timeoutMs: 2_000,
    allowLoopback: gw.services.config.WEBHOOK_ALLOW_LOOPBACK,
  };
}

/** The audit actions on an object, in the order they were written. */
export async function auditActions(gw: TestGateway, targetId: string): Promise<string[]> {
  const rows = await gw.services.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.targetId, targetId))
    .orderBy(sql`rowid`);
  return rows.map((r) => r.action);
}

/** The gateway's clock, which createTestGateway makes a ManualClock unless asked for real time. */
export function manualClock(gw: TestGateway): ManualClock {
  if (!(gw.clock instanceof ManualClock)) throw new Error('this test needs the manual clock');
  return gw.clock;
}

/** The URL of a path on a receiver, for an endpoint to point at. */
export const at = (receiver: Receiver, path: string) => `${receiver.url}${path}`;
