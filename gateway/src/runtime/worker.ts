import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { createApp, type GatewayApp, registerConsentEndings } from '../app';
import { type Config, ConfigError, parseConfig } from '../config';
import { type Database, schema } from '../db/client';
import { apps, developers } from '../db/schema';
import { purgeExpired } from '../jobs/purge';
import { settlePayouts } from '../jobs/settle-payouts';
import { ConsentEndings } from '../oauth/consent-steps';
import type { OAuthCapabilities } from '../oauth/context';
import { DatabaseReplayCache } from '../oauth/replay/database';
import { systemClock } from '../platform/clock';
import { randomIds, type Services } from '../platform/context';
import { createLogger } from '../platform/logger';
import { MemoryRateLimiter } from '../platform/rate-limit/memory';
import type { RateLimiter } from '../platform/rate-limit/types';
import { createUpstashRateLimiter } from '../platform/rate-limit/upstash';
import { UsageRecorder } from '../platform/usage';
import { evaluateLimitOffers, runStatementCycle } from '../products/credit-lines';
import { dispatchOnce } from '../products/events/webhooks/dispatcher';
import { collectDueInstallments } from '../products/loans';
import { SANDBOX_DEVELOPER_EMAIL, seedDemo } from '../sandbox/seed/demo';

/** Bindings of wrangler.toml: the D1 database, [vars] and secrets (all strings). */
export interface WorkerEnv {
  DB: D1Database;
  PUBLIC_URL?: string;
  DOCS_URL?: string;
  LOG_LEVEL?: string;
  SEED_SANDBOX?: string;
  RATE_LIMIT_BACKING?: string;
  REPLAY_BACKING?: string;
  UPSTASH_REDIS_REST_URL?: string;
  UPSTASH_REDIS_REST_TOKEN?: string;
  WEBHOOK_ALLOW_LOOPBACK?: string;
}

/**
 * D1 behind the libsql-typed `Database`: drizzle gives both the same sqlite query builder and an
 * atomic `batch` (all we use; no interactive transactions), only the raw result types differ.
 */
export function d1Database(binding: D1Database): Database {
  return drizzle(binding, { schema }) as unknown as Database;
}

export function workerServices(env: WorkerEnv): Services & OAuthCapabilities {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string'));
  const config = parseConfig(strings);
  const logger = createLogger(config.LOG_LEVEL);
  const db = d1Database(env.DB);
  if (config.REPLAY_BACKING && config.REPLAY_BACKING !== 'database') {
    // An isolate's memory is not shared with the others: a replay would pass in a neighbour.
    throw new ConfigError([
      { variable: 'REPLAY_BACKING', message: 'Workers remember jtis in D1: leave it unset or use database' },
    ]);
  }
  return {
    config,
    db,
    clock: systemClock,
    ids: randomIds,
    logger,
    rateLimiter: workerRateLimiter(config),
    usage: new UsageRecorder(db, systemClock, logger),
    replay: new DatabaseReplayCache(db),
  };
}

/** Workers share counters through Upstash; `memory` is per isolate (local dev only). */
function workerRateLimiter(config: Config): RateLimiter | undefined {
  if (config.RATE_LIMIT_BACKING === 'off') return undefined;
  if (config.RATE_LIMIT_BACKING === 'upstash') {
    return createUpstashRateLimiter({
      url: config.UPSTASH_REDIS_REST_URL!,
      token: config.UPSTASH_REDIS_REST_TOKEN!,
    });
  }
  if (config.RATE_LIMIT_BACKING === 'redis') {
    throw new ConfigError([
      { variable: 'RATE_LIMIT_BACKING', message: 'redis needs the Node runtime; on Workers use upstash' },
    ]);
  }
  return new MemoryRateLimiter({ clock: systemClock });
}

interface Isolate {
  services: Services & OAuthCapabilities;
  app: GatewayApp;
  /** What the cron's consent expiry ends with each consent, as revocation does. */
  endings: ConsentEndings;
  /** Settles once the sandbox exists; shared so concurrent first requests seed only once. */
  seeded: Promise<void> | null;
}

// The env object lives as long as the isolate, so this builds config, db and routes once.
const isolates = new WeakMap<WorkerEnv, Isolate>();

function isolateFor(env: WorkerEnv): Isolate {
  let isolate = isolates.get(env);
  if (!isolate) {
    const services = workerServices(env);
    isolate = {
      services,
      app: createApp(services),
      endings: registerConsentEndings(new ConsentEndings()),
      seeded: null,
    };
    isolates.set(env, isolate);
  }
  return isolate;
}

function ensureSandbox(isolate: Isolate): Promise<void> {
  isolate.seeded ??= (async () => {
    const { services } = isolate;
    // seedDemo creates the demo app last: without it, a seed never ran or stopped half way.
    const [done] = await services.db
      .select({ id: apps.id })
      .from(apps)
      .innerJoin(developers, eq(developers.id, apps.developerId))
      .where(eq(developers.email, SANDBOX_DEVELOPER_EMAIL))
      .limit(1);
    if (done) return;
    const seed = await seedDemo({ ...services, requestId: 'seed' });
    // Log lines are shipped and kept: no secret goes in one. D1 stores only hashes and Workers
    // have no sandbox.json, so the demo app's secret is gone; developers make their own apps.
    services.logger.info('sandbox seeded', {
      app_id: seed.appId,
      credentials:
        'not logged and not stored (only hashes): sign up in the portal console for your own sandbox app and tokens; the sandbox.json of `npm start` belongs to that local gateway only',
    });
  })().catch((err: unknown) => {
    isolate.seeded = null;
    throw err;
  });
  return isolate.seeded;
}

export default {
  async fetch(request, env, ctx) {
    const isolate = isolateFor(env);
    if (isolate.services.config.SEED_SANDBOX) {
      // A failed seed must not take the API down; the next request tries again.
      await ensureSandbox(isolate).catch((err: unknown) =>
        isolate.services.logger.error('sandbox seeding failed', { error: String(err) }),
      );
    }
    const response = await isolate.app.fetch(request, env, ctx);
    const flush = isolate.services.usage?.flushIfDue();
    if (flush) ctx.waitUntil(flush);
    return response;
  },

  async scheduled(_controller, env, ctx) {
    const { services, endings } = isolateFor(env);
    ctx.waitUntil(
      Promise.all([
        purgeExpired(services.db, services.clock, endings).catch((err: unknown) =>
          services.logger.error('purge failed', { error: String(err) }),
        ),
        collectDueInstallments(services).catch((err: unknown) =>
          services.logger.error('installment collection failed', { error: String(err) }),
        ),
        // Offers read the last statement: evaluated after this run's statements.
        runStatementCycle(services)
          .catch((err: unknown) =>
            services.logger.error('credit line statements failed', { error: String(err) }),
          )
          .then(() => evaluateLimitOffers({ ...services, publicUrl: services.config.PUBLIC_URL }))
          .catch((err: unknown) => services.logger.error('limit offer job failed', { error: String(err) })),
        settlePayouts(services).catch((err: unknown) =>
          services.logger.error('payout settlement failed', { error: String(err) }),
        ),
        // Webhooks: fan out new events and deliver what is due, within the cron run's budget. A
        // Worker cannot resolve or pin the address (README, "Webhook egress"): the URL rule is all.
        dispatchOnce({
          ...services,
          fetch: (url, init) => fetch(url, init),
          allowLoopback: services.config.WEBHOOK_ALLOW_LOOPBACK,
        }).catch((err: unknown) => services.logger.error('webhook dispatch failed', { error: String(err) })),
      ]),
    );
  },
} satisfies ExportedHandler<WorkerEnv>;
