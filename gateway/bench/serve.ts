/**
 * One server of the benchmark, in its own process: run.ts starts each with `taskset -c 0` (the
 * server core) and reads one `READY {json}` line from stdout. Kinds:
 * - gateway: the Node entry on a fresh DATA_DIR (BENCH_DATA_DIR), env overrides in BENCH_ENV;
 * - ceiling: Hono with one ES256 signature check per request, the authenticated GET's ceiling:
 *   `/jose/*` through jose's jwtVerify (WebCrypto), `/node/*` through node:crypto;
 * - oidc-provider: the peer on the token load, in-memory adapter, the bench client's key;
 * - upstream: a published product's service (examples/internal-rewards' balance, a fixed answer
 *   that trusts the network: the same work whether the gateway or the load generator calls it).
 * A gateway with BENCH_PUBLISH_UPSTREAM publishes the rewards example document to that upstream;
 * with BENCH_JOURNALS, its database holds that many payments' history first (seed-journals.ts).
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from 'jose';
import { seedJournals } from './seed-journals';
import { publishRewards, startGateway } from './setup';

const ready = (info: Record<string, unknown>) => console.log(`READY ${JSON.stringify(info)}`);
const onStop = (stop: () => Promise<void>) => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stop().finally(() => process.exit(0)));
  }
};

async function gateway(): Promise<void> {
  const dataDir = process.env.BENCH_DATA_DIR!;
  const env = JSON.parse(process.env.BENCH_ENV ?? '{}') as Record<string, string>;
  const g = await startGateway(dataDir, env);
  onStop(() => g.close());
  const journals = Number(process.env.BENCH_JOURNALS ?? 0);
  if (journals > 0) await seedJournals(g.services.db, journals, g.services.clock.now());
  if (process.env.BENCH_PUBLISH_UPSTREAM)
    await publishRewards(g, dataDir, process.env.BENCH_PUBLISH_UPSTREAM);
  ready({ url: g.url, dataDir });
}

function listen(fetch: (req: Request) => Response | Promise<Response>, port = 0): Promise<Server> {
  return new Promise((resolve) => {
    const s = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
}

/** One verify of the request's DPoP proof (fresh per request), its key imported once. */
async function ceiling(): Promise<void> {
  const joseKeys = new Map<string, Promise<CryptoKey>>();
  const nodeKeys = new Map<string, KeyObject>();
  const jwkOf = (proof: string) => decodeProtectedHeader(proof).jwk as JWK;
  const app = new Hono()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/jose/*', async (c) => {
      const proof = c.req.header('dpop') ?? '';
      const jwk = jwkOf(proof);
      let key = joseKeys.get(jwk.x!);
      if (!key) {
        key = importJWK(jwk, 'ES256') as Promise<CryptoKey>;
        joseKeys.set(jwk.x!, key);
      }
      await jwtVerify(proof, await key, { algorithms: ['ES256'], typ: 'dpop+jwt' });
      return c.json({ id: c.req.path, status: 'authorised' });
    })
    .get('/node/*', (c) => {
      const proof = c.req.header('dpop') ?? '';
      const jwk = jwkOf(proof);
      let key = nodeKeys.get(jwk.x!);
      if (!key) {
        key = createPublicKey({ key: jwk as never, format: 'jwk' });
        nodeKeys.set(jwk.x!, key);
      }
      const dot = proof.lastIndexOf('.');
      const ok = verify(
        'sha256',
        Buffer.from(proof.slice(0, dot)),
        { key, dsaEncoding: 'ieee-p1363' },
        Buffer.from(proof.slice(dot + 1), 'base64url'),
      );
      return ok ? c.json({ id: c.req.path, status: 'authorised' }) : c.json({ error: 'invalid' }, 401);
    });
  const server = await listen(app.fetch);
  onStop(() => new Promise((r) => server.close(() => r())));
  ready({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

async function oidcProvider(): Promise<void> {
  const { Provider } = await import('oidc-provider');
  const port = Number(process.env.BENCH_PORT);
  const issuer = `http://127.0.0.1:${port}`;
  const clientJwk = JSON.parse(process.env.BENCH_CLIENT_JWK!) as JWK;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'bench-client',
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'ES256',
        jwks: { keys: [{ ...clientJwk, alg: 'ES256', use: 'sig' }] },
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: 'api',
        dpop_bound_access_tokens: true,
      },
    ] as never,
    scopes: ['api'],
    features: {
      clientCredentials: { enabled: true },
      dPoP: { enabled: true },
      devInteractions: { enabled: false },
    },
    enabledJWA: { clientAuthSigningAlgValues: ['ES256'], dPoPSigningAlgValues: ['ES256'] },
  });
  const server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  onStop(() => new Promise((r) => server.close(() => r())));
  ready({ url: issuer, tokenEndpoint: `${issuer}/token`, clientId: 'bench-client' });
}

async function upstream(): Promise<void> {
  const balance = JSON.stringify({ object: 'rewards_balance', customer: 'cus_bench', points: 1200 });
  const app = new Hono().get('/v1/rewards/balance', (c) =>
    c.body(balance, 200, { 'Content-Type': 'application/json' }),
  );
  const server = await listen(app.fetch);
  onStop(() => new Promise((r) => server.close(() => r())));
  ready({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

const kinds: Record<string, () => Promise<void>> = {
  gateway,
  ceiling,
  'oidc-provider': oidcProvider,
  upstream,
};
const kind = process.argv[2] ?? '';
if (!kinds[kind]) throw new Error(`serve.ts: unknown kind ${kind}; one of ${Object.keys(kinds).join(', ')}`);
await kinds[kind]!();
