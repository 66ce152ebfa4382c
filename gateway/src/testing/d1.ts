import type { D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createApp, registerConsentEndings } from '../app';
import { parseConfig } from '../config';
import type { Database } from '../db/client';
import { ConsentEndings } from '../oauth/consent-steps';
import { ManualClock } from '../platform/clock';
import { randomIds, type Services } from '../platform/context';
import { silentLogger } from '../platform/logger';
import { d1Database, type WorkerEnv } from '../runtime/worker';
import { type SandboxSeed, seedDemo } from '../sandbox/seed/demo';
import { type TestClient, testClient } from './client';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      /** Read from gateway/src/db/migrations by vitest.config.ts, applied by d1-setup.ts. */
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import('../runtime/worker');
    }
  }
}

/** The test file's D1 database (migrated; storage is isolated per test file). */
export function testD1(): Database {
  return d1Database(env.DB);
}

export interface D1TestGateway {
  services: Services;
  clock: ManualClock;
  app: ReturnType<typeof createApp>;
  client: TestClient;
  /** Null when created with `seed: false`. */
  seed: SandboxSeed | null;
  /** What the Workers cron hands the purge job (consent expiry), as worker.ts builds it. */
  endings: ConsentEndings;
}

/** The whole gateway over D1 inside workerd, seeded, with a clock tests can move. */
export async function createD1Gateway(
  opts: { env?: Record<string, string>; start?: string; seed?: boolean } = {},
): Promise<D1TestGateway> {
  const clock = new ManualClock(opts.start ?? '2026-11-22T10:00:00Z');
  const services: Services = {
    config: parseConfig(opts.env ?? {}),
    db: testD1(),
    clock,
    ids: randomIds,
    logger: silentLogger,
  };
  const seed = opts.seed === false ? null : await seedDemo({ ...services, requestId: 'seed' });
  const app = createApp(services);
  const endings = registerConsentEndings(new ConsentEndings());
  return { services, clock, app, client: testClient((req) => app.fetch(req)), seed, endings };
}
