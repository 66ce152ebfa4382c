import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JWK } from 'jose';
import { runProductsCli } from '../scripts/products-cli';
import { PlanStore } from '../src/platform/rate-limit/plans';
import { type RunningGateway, startNodeGateway } from '../src/runtime/node';
import { SANDBOX_DEVELOPER_EMAIL } from '../src/sandbox/seed/demo';
import { type DpopSigner, dpopSigner, writeDpopProofs } from './dpop-proofs';

/** A gateway the bench reaches over HTTP (it runs in its own process): its URL and DATA_DIR. */
export interface GatewayHandle {
  url: string;
  dataDir: string;
}

function sandboxFile(gateway: GatewayHandle): Record<string, string> {
  return JSON.parse(readFileSync(join(gateway.dataDir, 'sandbox.json'), 'utf8')) as Record<string, string>;
}

/** The demo app's credentials, as `npm start` writes them. */
export function demoApp(gateway: GatewayHandle): { id: string; basic: string } {
  const { client_id, client_secret } = sandboxFile(gateway);
  return {
    id: client_id!,
    basic: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}`,
  };
}

/** A private_key_jwt, DPoP-bound client_credentials client (RFC 7591), as a FAPI partner registers. */
export async function registerKeyClient(
  gateway: GatewayHandle,
  publicJwk: JWK,
  kid: string,
): Promise<string> {
  const res = await fetch(`${gateway.url}/oauth/register`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${sandboxFile(gateway).initial_access_token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      client_name: 'Bench client',
      redirect_uris: ['https://bench.example/callback'],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] },
      grant_types: ['client_credentials'],
      dpop_bound_access_tokens: true,
    }),
  });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { client_id: string }).client_id;
}

/** The bench measures the gateway, not the sandbox plan's 25 requests per second. */
export async function liftSandboxPlan(gateway: RunningGateway): Promise<void> {
  await new PlanStore(gateway.services.db, gateway.services.clock).set('sandbox', {
    requestsPerSecond: 10_000_000,
    dailyQuota: 1_000_000_000,
    creditDecisionsPerCustomerPerHour: 10_000_000,
  });
}

export function newDpopSigner(): DpopSigner {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return dpopSigner(privateKey.export({ format: 'jwk' }) as JWK);
}

async function token(
  gateway: GatewayHandle,
  body: Record<string, string>,
  dpop?: DpopSigner,
): Promise<Record<string, string>> {
  const app = demoApp(gateway);
  const headers: Record<string, string> = {
    authorization: app.basic,
    'content-type': 'application/x-www-form-urlencoded',
  };
  if (dpop) {
    const file = join(gateway.dataDir, 'token-proof.json');
    writeDpopProofs(file, dpop, {
      method: 'POST',
      url: `${gateway.url}/oauth/token`,
      accessToken: '',
      count: 1,
    });
    headers.dpop = (JSON.parse(readFileSync(file, 'utf8')) as string[])[0]!;
  }
  const res = await fetch(`${gateway.url}/oauth/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(body).toString(),
  });
  if (!res.ok) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

/** A client-credentials token of the demo app (DPoP-bound when a signer is given). */
export async function appToken(gateway: GatewayHandle, scope: string, dpop?: DpopSigner): Promise<string> {
  return (await token(gateway, { grant_type: 'client_credentials', scope }, dpop)).access_token!;
}

/** A customer token via the sandbox shortcut and the token endpoint (PKCE). */
export async function customerToken(
  gateway: GatewayHandle,
  consent: { customer: string; scope?: string; authorization_details?: unknown[] },
): Promise<{ accessToken: string; consentId: string }> {
  const admin = await appToken(gateway, 'consents:read');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirect = 'http://127.0.0.1:4000/callback';
  const res = await fetch(`${gateway.url}/v1/sandbox/authorizations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...consent,
      redirect_uri: redirect,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }),
  });
  if (!res.ok) throw new Error(`sandbox authorization failed: ${res.status} ${await res.text()}`);
  const { code, consent_id } = (await res.json()) as { code: string; consent_id: string };
  const tokens = await token(gateway, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirect,
    code_verifier: verifier,
  });
  return { accessToken: tokens.access_token!, consentId: consent_id };
}

/** The gateway on the embedded default in a temp dir, with the sandbox plan lifted out of the way. */
export async function startGateway(dataDir: string, env: Record<string, string>): Promise<RunningGateway> {
  // A free port chosen up front, so PUBLIC_URL (DPoP htu, OAuth issuer) names it.
  const port = await freePort();
  const g = await startNodeGateway({
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    // Always the embedded default in the temp dir, whatever the shell has configured.
    DATABASE_URL: undefined,
    DATABASE_AUTH_TOKEN: undefined,
    SEED_SANDBOX: 'true',
    LOG_LEVEL: 'warn',
    ...env,
  });
  await liftSandboxPlan(g);
  return g;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const REWARDS_DOCUMENT = fileURLToPath(
  new URL('../../examples/internal-rewards/rewards.openapi.json', import.meta.url),
);

/**
 * The published-product scenario's setup, in the gateway's process: the sandbox developer joins
 * the rewards team, publishes the rewards example document to `upstream`, and the demo app is
 * granted its scopes (what `npm run products -- team|publish|grant` do).
 */
export async function publishRewards(
  gateway: RunningGateway,
  dataDir: string,
  upstream: string,
): Promise<void> {
  const run = (...args: string[]) => runProductsCli(args, gateway.services, process.cwd());
  await run('team', SANDBOX_DEVELOPER_EMAIL, 'rewards');
  await run('publish', REWARDS_DOCUMENT, '--upstream', upstream);
  await run('grant', demoApp({ url: gateway.url, dataDir }).id, 'rewards');
}
