import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp, createStartingApp, registerConsentEndings } from '../app';
import { type Config, ConfigError, parseConfig } from '../config';
import { purgeExpired } from '../jobs/purge';
import { settlePayouts } from '../jobs/settle-payouts';
import { ConsentEndings } from '../oauth/consent-steps';
import type { OAuthCapabilities } from '../oauth/context';
import { MINUTE_MS, rfc3339, systemClock } from '../platform/clock';
import { randomIds, type Services } from '../platform/context';
import { createLogger } from '../platform/logger';
import { createNodeRateLimiter } from '../platform/rate-limit/node';
import { UsageRecorder } from '../platform/usage';
import { evaluateLimitOffers, runStatementCycle } from '../products/credit-lines';
import { runDispatcher } from '../products/events/webhooks/dispatcher';
import { collectDueInstallments } from '../products/loans';
import {
  SANDBOX_CUSTOMERS,
  SANDBOX_ONE_TIME_CODE,
  SANDBOX_PASSWORD,
  SANDBOX_SHARED_DEVICE_JWK,
} from '../sandbox/seed/customers';
import { createDeveloperApiToken, createInitialAccessToken, seedDemo } from '../sandbox/seed/demo';
import { EmbeddedClient } from './embedded-client';
import { nodeSignatureCrypto } from './node-crypto';
import { migrateDatabase, openLibsql } from './node-db';
import { createEgressFetch } from './node-egress';
import { openNodeReplayCache } from './node-replay';

const SHUTDOWN_GRACE_MS = 10_000;

/** Published so partners can reproduce `linked_devices` (portal: Sandbox and clocks). */
const SHARED_DEVICE = {
  customer: 'gus',
  use: 'Sign the DPoP proofs of a token for gus with this key: its thumbprint was seen for 3 other customers, so credit decisions are declined fraud_review. Sandbox only.',
  dpop_private_jwk: { ...SANDBOX_SHARED_DEVICE_JWK, alg: 'ES256' },
};

export interface RunningGateway {
  url: string;
  services: Services;
  close(): Promise<void>;
}

/**
 * Migrates, seeds, serves. Used by `npm start`, the benchmark and end-to-end tests. `listening`
 * runs once the port is bound and before the gateway is built: until then every request gets
 * 503 service_unavailable with Retry-After.
 */
export async function startNodeGateway(
  env: Record<string, string | undefined> = process.env,
  hooks: {
    listening?: (url: string) => Promise<void> | void;
    /** Where log lines go (stdout by default); tests read what would be shipped. */
    logSink?: (line: string) => void;
  } = {},
): Promise<RunningGateway> {
  const parsed = parseConfig(env);
  const logger = createLogger(parsed.LOG_LEVEL, hooks.logSink);
  const database = await openLibsql(parsed.DATABASE_URL, parsed.DATABASE_AUTH_TOKEN);
  const { db } = database;
  await migrateDatabase(db);

  // Listen first, so that PORT=0 (a free port) is known before the app is built: PUBLIC_URL,
  // unless configured, is where we listen — DPoP proofs and the OAuth issuer depend on it.
  let app: ReturnType<typeof createApp> | null = null;
  const starting = createStartingApp(parsed);
  // Handlers still running, even for a client that has gone: the database closes after them.
  const inFlight = new Set<Promise<unknown>>();
  const handle = (req: Request) => {
    if (!app) return starting.fetch(req);
    const running = Promise.resolve(app.fetch(req));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running)).catch(() => {});
    return running;
  };
  const server = await new Promise<Server>((resolve) => {
    const s = serve(
      {
        fetch: handle,
        port: parsed.PORT,
        hostname: parsed.HOST,
      },
      () => resolve(s as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${parsed.HOST}:${port}`;
  // Parsed again with the address listened on, so defaults that follow PUBLIC_URL (such as
  // WEBHOOK_ALLOW_LOOPBACK) follow the real one: HOST=0.0.0.0 is not a loopback-only gateway.
  const config: Config = env.PUBLIC_URL ? parsed : parseConfig({ ...env, PUBLIC_URL: url });
  await hooks.listening?.(url);
  const rateLimiter =
    config.RATE_LIMIT_BACKING === 'off'
      ? undefined
      : await createNodeRateLimiter(config, { clock: systemClock, logger });
  logger.info('rate limiting', {
    backing: config.RATE_LIMIT_BACKING,
    per_process: config.RATE_LIMIT_BACKING === 'memory',
  });
  const usage = new UsageRecorder(db, systemClock, logger);
  usage.start();
  const crypto = nodeSignatureCrypto;
  const replay = await openNodeReplayCache(config, { db, clock: systemClock, crypto, logger });
  logger.info('replay cache', { backing: replay.backing });
  // One vetting fetch for everything that leaves: webhooks and published products' upstreams.
  const egress = createEgressFetch();
  const services: Services & OAuthCapabilities = {
    config,
    db,
    clock: systemClock,
    ids: randomIds,
    logger,
    rateLimiter,
    usage,
    crypto,
    replay,
    egress,
    // The embedded replay backing means this process alone uses the file (README, "Replay
    // caches"): caches of database state then need no query to know nothing changed.
    ...(replay.backing === 'memory' && database.client instanceof EmbeddedClient
      ? { exclusiveWrites: database.client }
      : {}),
  };
  if (config.SEED_SANDBOX) await seedAndReport(config, services);
  app = createApp(services);
  logger.info('gateway listening', { url, database: redact(config.DATABASE_URL) });

  // Expiry ends what depends on a consent (a credit line closes), as revocation does.
  const endings = registerConsentEndings(new ConsentEndings());
  const purge = setInterval(() => {
    purgeExpired(db, systemClock, endings).catch((err: unknown) =>
      logger.error('purge failed', { error: String(err) }),
    );
  }, 5 * MINUTE_MS);
  purge.unref();
  // Checkout credit: installments due are collected from customers' deposit accounts.
  const collect = setInterval(() => {
    collectDueInstallments({ db, clock: systemClock, ids: randomIds, logger }).catch((err: unknown) =>
      logger.error('installment collection failed', { error: String(err) }),
    );
  }, 5 * MINUTE_MS);
  collect.unref();
  // Credit lines: statements on their statement day, autopay on due dates, missed minimums.
  const statements = setInterval(() => {
    runStatementCycle({ db, clock: systemClock, ids: randomIds, logger }).catch((err: unknown) =>
      logger.error('credit line statements failed', { error: String(err) }),
    );
  }, 5 * MINUTE_MS);
  statements.unref();
  // Merchant payouts due (the next business day) are paid, or fail back to the merchant.
  const payoutsDue = setInterval(() => {
    settlePayouts({ db, clock: systemClock, ids: randomIds, logger }).catch((err: unknown) =>
      logger.error('payout settlement failed', { error: String(err) }),
    );
  }, 5 * MINUTE_MS);
  payoutsDue.unref();
  // Credit lines: limit offers expire and are evaluated on each world's business clock.
  const offers = setInterval(() => {
    evaluateLimitOffers({
      db,
      clock: systemClock,
      ids: randomIds,
      logger,
      publicUrl: config.PUBLIC_URL,
    }).catch((err: unknown) => logger.error('limit offer job failed', { error: String(err) }));
  }, 5 * MINUTE_MS);
  offers.unref();
  // Webhooks leave from this process: the outbox is read and delivered until shutdown, through a
  // fetch that connects only to the addresses it vetted.
  const stopDispatcher = new AbortController();
  const dispatcher = runDispatcher({
    db,
    clock: systemClock,
    ids: randomIds,
    fetch: egress,
    allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK,
    logger,
    signal: stopDispatcher.signal,
  });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      clearInterval(purge);
      clearInterval(collect);
      clearInterval(statements);
      clearInterval(payoutsDue);
      clearInterval(offers);
      stopDispatcher.abort();
      // Stop accepting and let in-flight requests finish. A keep-alive socket turns idle only
      // after its response, so keep closing idle ones; past the deadline, close what remains.
      const reaper = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      server.close(() => {
        clearInterval(reaper);
        clearTimeout(deadline);
        const handlers = Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((done) => setTimeout(done, SHUTDOWN_GRACE_MS).unref()),
        ]);
        handlers
          .then(() =>
            Promise.allSettled([
              dispatcher.then(() => egress.close()),
              usage.stop(),
              rateLimiter?.close(),
              // After the last handler: what it saw is saved for the next start.
              replay.close(),
            ]),
          )
          .then(() => database.close())
          .then(() => resolve());
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url, services, close };
}

/**
 * Seeds the sandbox; its secrets go to sandbox.json (0600) and the log says only where that is:
 * log lines are shipped, kept and read by many, a file in DATA_DIR only by the operator.
 */
async function seedAndReport(config: Config, services: Services): Promise<void> {
  const seed = await seedDemo({ ...services, requestId: 'seed' });
  const file = resolve(config.DATA_DIR, 'sandbox.json');
  if (seed.clientSecret && config.DATABASE_URL.startsWith('file:')) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    const expiry = (t: { expiresAt: Date } | null) => (t ? rfc3339(t.expiresAt) : null);
    const credentials = {
      gateway: config.PUBLIC_URL,
      client_id: seed.appId,
      client_secret: seed.clientSecret,
      token_endpoint_auth_method: 'client_secret_basic',
      developer_id: seed.developerId,
      developer_api_token: seed.developerApiToken?.token ?? null,
      developer_api_token_expires_at: expiry(seed.developerApiToken),
      initial_access_token: seed.initialAccessToken?.token ?? null,
      initial_access_token_expires_at: expiry(seed.initialAccessToken),
      registration_endpoint: `${config.PUBLIC_URL}/oauth/register`,
      sandbox_id: seed.sandboxId,
      customers: SANDBOX_CUSTOMERS.map((c) => ({
        login: c.login,
        password: SANDBOX_PASSWORD,
        one_time_code: SANDBOX_ONE_TIME_CODE,
      })),
      shared_device: SHARED_DEVICE,
    };
    writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  } else if (existsSync(file)) {
    await renewExpiredTokens(services, file, seed.developerId);
  }
  services.logger.info(
    existsSync(file)
      ? `Sandbox ready: the Demo Shop app's client secret, developer API token and DCR initial access token are in ${file}`
      : 'Sandbox ready: the Demo Shop secrets were not saved (DATABASE_URL is not a file); sign up in the portal console for your own sandbox app',
    { client_id: seed.appId, credentials_file: existsSync(file) ? file : null },
  );
}

/** Tokens expire (30 and 90 days): a long-lived local sandbox gets new ones in its file at start. */
async function renewExpiredTokens(services: Services, file: string, developerId: string): Promise<void> {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const now = services.clock.now().getTime();
  const expired = (at: unknown) => typeof at !== 'string' || Date.parse(at) <= now;
  const ctx = { ...services, requestId: 'seed' };
  let changed = false;
  if (expired(saved.developer_api_token_expires_at)) {
    const t = await createDeveloperApiToken(ctx, developerId);
    Object.assign(saved, {
      developer_api_token: t.token,
      developer_api_token_expires_at: rfc3339(t.expiresAt),
    });
    changed = true;
  }
  if (expired(saved.initial_access_token_expires_at)) {
    const t = await createInitialAccessToken(ctx, developerId);
    Object.assign(saved, {
      initial_access_token: t.token,
      initial_access_token_expires_at: rfc3339(t.expiresAt),
    });
    changed = true;
  }
  if (changed) writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

async function main(): Promise<void> {
  let gateway: RunningGateway;
  try {
    gateway = await startNodeGateway();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  console.log(
    `Tessera gateway on ${gateway.url} (health: ${gateway.url}/health, OpenAPI: ${gateway.url}/openapi.json)`,
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      gateway.services.logger.info('shutting down', { signal });
      gateway.close().then(() => process.exit(0));
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
