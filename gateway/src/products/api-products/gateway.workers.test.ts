import { createRewardsApp } from '@tessera/example-internal-rewards';
import rewardsDocument from '@tessera/example-internal-rewards/rewards.openapi.json' with { type: 'json' };
import { eq } from 'drizzle-orm';
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { apps, developers } from '../../db/schema';
import type { EgressFetchLike } from '../../platform/context';
import { testClient } from '../../testing/client';
import { createD1Gateway, type D1TestGateway } from '../../testing/d1';
import type { TestGateway } from '../../testing/harness';
import { type CustomerAccess, createTestApp, customerAccess } from '../../testing/oauth';
import { signUp } from '../developer/test-support';

// The same publication on the Workers entry's stack (workerd, D1, WebCrypto): publish through the
// admin API, then call through the gateway. workerd cannot reach a server the test would start,
// so the upstreams live in this isolate, reached through the gateway's egress seam as Node
// reaches its 127.0.0.1 services: the rewards example itself (verifying Tessera-Identity against
// the gateway's JWKS), a service that fails with a 500, and, through workerd's own fetch, a port
// nothing listens on.
const REWARDS = 'https://rewards.bank.test';
const FAILING = 'https://broken.bank.test';

let gw: D1TestGateway;
let harness: TestGateway;
let partner: CustomerAccess;
const seen: Request[] = [];
let failingHits = 0;

function documentFor(id: string): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(rewardsDocument)
      .replaceAll('/v1/rewards/', `/v1/${id}/`)
      .replaceAll('"rewards:', `"${id}:`),
  );
}

async function publish(token: Record<string, string>, id: string, upstream: string) {
  const res = await gw.client.post<{ status: string }>(
    '/v1/developer/admin/products',
    { document: documentFor(id), upstream_url: upstream },
    token,
  );
  expect(res.status, res.text).toBe(201);
}

beforeAll(async () => {
  // Real time: the rewards service checks the assertion's iat and exp against its own clock.
  gw = await createD1Gateway({ start: new Date().toISOString(), env: { UPSTREAM_ALLOW_LOOPBACK: 'true' } });
  const jwks = await gw.client.get<JSONWebKeySet>('/oauth/jwks');
  const rewards = createRewardsApp({
    issuer: gw.services.config.PUBLIC_URL,
    keys: createLocalJWKSet(jwks.body),
    observe: (r) => seen.push(r),
  });
  const egress: EgressFetchLike = async (url, init) => {
    if (url.startsWith(REWARDS)) return rewards.fetch(new Request(url, init));
    if (url.startsWith(FAILING)) {
      failingHits++;
      return new Response('stack trace: NullPointerException at Rewards.java:42', { status: 500 });
    }
    return fetch(url, init);
  };
  // The gateway of the Workers entry, with that egress: createApp as worker.ts calls it.
  const services = { ...gw.services, egress };
  const app = createApp(services);
  gw = { ...gw, services, app, client: testClient((req) => app.fetch(req)) };
  // D1 has no file: nothing here shares the database with a second gateway.
  harness = { ...gw, seed: gw.seed!, databasePath: '', close: () => {} };

  const member = await signUp(harness);
  await gw.services.db
    .update(developers)
    .set({ role: 'product_team', team: 'rewards' })
    .where(eq(developers.id, member.id));
  await publish(member.token, 'rewards', REWARDS);
  await publish(member.token, 'broken', FAILING);
  await publish(member.token, 'nowhere', 'http://127.0.0.1:9');

  const partnerApp = await createTestApp(harness, { fapi: true });
  await gw.services.db
    .update(apps)
    .set({ scopes: ['rewards:read', 'broken:read', 'nowhere:read'] })
    .where(eq(apps.id, partnerApp.id));
  partner = await customerAccess(harness, {
    app: partnerApp,
    scope: 'rewards:read broken:read nowhere:read',
  });
});

describe('published API products on Workers and D1', () => {
  it('serves a published operation: the upstream gets a verifiable Tessera-Identity, never the token', async () => {
    const res = await partner.call<{ points: number }>('GET', '/v1/rewards/balance');
    expect(res.status, res.text).toBe(200);
    expect(res.body.points).toBe(0);
    expect(seen).toHaveLength(1);
    const arrived = seen[0]!;
    expect(arrived.headers.get('authorization')).toBeNull();
    expect(arrived.headers.get('dpop')).toBeNull();
    const claims = decodeJwt(arrived.headers.get('tessera-identity')!);
    expect(claims).toMatchObject({
      iss: gw.services.config.PUBLIC_URL,
      aud: 'rewards',
      azp: partner.app.id,
      csn: partner.consentId,
      scope: 'rewards:read',
    });
    expect(claims.exp! - claims.iat!).toBe(60);
  });

  it('refuses a request the document does not allow before the upstream sees it', async () => {
    const before = seen.length;
    const res = await partner.call<{ code: string; errors: { path: string }[] }>(
      'GET',
      '/v1/rewards/entries?limit=1000',
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    expect(res.body.errors.map((e) => e.path)).toContain('limit');
    expect(seen).toHaveLength(before);
  });

  it('answers 502 upstream_error when the upstream fails or cannot be reached, leaking nothing', async () => {
    const broken = await partner.call<{ code: string }>('GET', '/v1/broken/balance');
    expect(broken.status).toBe(502);
    expect(broken.headers.get('content-type')).toBe('application/problem+json');
    expect(broken.body.code).toBe('upstream_error');
    expect(broken.text).not.toMatch(/NullPointer/);
    expect(failingHits).toBe(1);
    const nowhere = await partner.call<{ code: string }>('GET', '/v1/nowhere/balance');
    expect(nowhere.status).toBe(502);
    expect(nowhere.body.code).toBe('upstream_error');
  });
});
