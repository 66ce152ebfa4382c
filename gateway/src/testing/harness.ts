import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, registerConsentEndings } from '../app';
import { parseConfig } from '../config';
import type { Database } from '../db/client';
import { ConsentEndings } from '../oauth/consent-steps';
import { EmbeddedReplayCache } from '../oauth/replay/embedded';
import { ManualClock, OffsetClock } from '../platform/clock';
import { randomIds, type Services } from '../platform/context';
import { createLogger, silentLogger } from '../platform/logger';
import { MemoryRateLimiter } from '../platform/rate-limit/memory';
import { UsageRecorder } from '../platform/usage';
import type { EmbeddedClient } from '../runtime/embedded-client';
import { nodeSignatureCrypto } from '../runtime/node-crypto';
import { migrateDatabase, openLibsql } from '../runtime/node-db';
import { createEgressFetch } from '../runtime/node-egress';
import { type SandboxSeed, seedDemo } from '../sandbox/seed/demo';
import { type TestClient, testClient } from './client';
import { contractCheck } from './contract-check';

export interface TestDatabase {
  db: Database;
  /** The file, for a second gateway over the same database (`createTestGateway({ sharing })`). */
  path: string;
  /** This connection's write counter (Services.exclusiveWrites), while it is the only writer. */
  writes: { writeGeneration(): number };
  close(): void;
}

/** A fresh, migrated database in a temp file: each test file gets its own, never a shared one. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
  const path = join(dir, 'test.db');
  const { db, client } = await openLibsql(`file:${path}`);
  await migrateDatabase(db);
  return {
    db,
    path,
    writes: client as EmbeddedClient,
    close() {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Another connection to a test database's file: what a second gateway process would open. */
async function openSharedDatabase(path: string): Promise<TestDatabase> {
  const { db, client } = await openLibsql(`file:${path}`);
  return { db, path, writes: client as EmbeddedClient, close: () => client.close() };
}

export interface TestGateway {
  services: Services;
  clock: ManualClock | OffsetClock;
  app: ReturnType<typeof createApp>;
  client: TestClient;
  seed: SandboxSeed;
  /** What the runtime loops hand the purge job (consent expiry): the app's own list of endings. */
  endings: ConsentEndings;
  databasePath: string;
  close(): void;
}

/** The whole gateway in-process over a seeded database, with a clock tests can move. */
export async function createTestGateway(
  opts: {
    env?: Record<string, string>;
    start?: string;
    realTime?: boolean;
    limits?: boolean;
    /** node: the Node entry's backings (node:crypto, jtis in process) instead of WebCrypto and seen_jtis. */
    runtime?: 'node';
    /**
     * Several gateways over one database, as several processes of a deployment: the first opens
     * it (and seeds it), each other passes the first one's gateway. None of them is then the only
     * writer, so each asks the database whether the state it caches changed.
     */
    sharing?: TestGateway;
    /** The first of several gateways over one database (see `sharing`). */
    shared?: boolean;
  } = {},
): Promise<TestGateway> {
  const shared = opts.sharing !== undefined || opts.shared === true;
  const database = opts.sharing
    ? await openSharedDatabase(opts.sharing.databasePath)
    : await createTestDatabase();
  // Outside clients (oauth4webapi, a browser) stamp proofs with real time: follow it for them.
  const egress = createEgressFetch();
  const clock = opts.realTime ? new OffsetClock() : new ManualClock(opts.start ?? '2026-11-22T10:00:00Z');
  const services: Services = {
    config: parseConfig(opts.env ?? {}),
    db: database.db,
    clock,
    ids: randomIds,
    logger: process.env.TEST_LOG ? createLogger('debug') : silentLogger,
    egress,
    // Limits and metering are off unless a test is about them: a frozen test clock would
    // otherwise count every request of a file into one second.
    ...(opts.limits
      ? {
          rateLimiter: new MemoryRateLimiter({ clock }),
          usage: new UsageRecorder(database.db, clock, silentLogger),
        }
      : {}),
    ...(opts.runtime === 'node'
      ? {
          crypto: nodeSignatureCrypto,
          replay: await EmbeddedReplayCache.open(database.db, clock, nodeSignatureCrypto),
        }
      : {}),
    // Like the embedded default: this gateway's connection is the file's only writer.
    ...(shared ? {} : { exclusiveWrites: database.writes }),
  };
  const seed = opts.sharing?.seed ?? (await seedDemo({ ...services, requestId: 'seed' }));
  const app = createApp(services);
  const check = contractCheck(app, services.config.PUBLIC_URL);
  const client = testClient((req) => app.fetch(req), undefined, check);
  const close = () => {
    void egress.close();
    database.close();
  };
  const endings = registerConsentEndings(new ConsentEndings());
  return { services, clock, app, client, seed, endings, databasePath: database.path, close };
}
