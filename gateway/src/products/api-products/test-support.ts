import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createRewardsApp } from '@tessera/example-internal-rewards';
import rewardsDocument from '@tessera/example-internal-rewards/rewards.openapi.json' with { type: 'json' };
import { eq } from 'drizzle-orm';
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet } from 'jose';
import { apps, developers } from '../../db/schema';
import type { TestGateway } from '../../testing/harness';
import { signUp } from '../developer/test-support';

/** Test helpers (Node only) for published API products: real services on 127.0.0.1. */

export interface Listening {
  url: string;
  close(): Promise<void>;
}

function listening(server: Server): Promise<Listening> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The gateway itself on a port, so that upstreams can fetch its JWKS as in production. */
export function serveGateway(gw: TestGateway): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch: gw.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ) as Server;
  });
}

export interface RewardsService extends Listening {
  /** Every request the service received, as it arrived. */
  seen: Request[];
  /** The app (`azp` of its Tessera-Identity) of each request, read when it arrived. */
  apps: (string | null)[];
}

/**
 * examples/internal-rewards, trusting the gateway at `issuer` whose JWKS is served at `jwksBase`.
 * `delayMs` holds every answer that long first: gray-release tests give both versions a known
 * latency, so a scheduler hiccup of a few ms is small beside it and the p99 rule sees what the
 * test meant (a healthy canary as fast as its stable twin, a slow one clearly slower).
 */
export async function startRewards(
  issuer: string,
  jwksBase: string,
  product = 'rewards',
  { delayMs = 0 }: { delayMs?: number } = {},
): Promise<RewardsService> {
  const seen: Request[] = [];
  const apps: (string | null)[] = [];
  // The keys fetched now, as the team's service does when it boots: fetched on the first call
  // instead, that call would be the slowest of its version for the rest of its window.
  const jwks = (await (await fetch(`${jwksBase}/oauth/jwks`)).json()) as JSONWebKeySet;
  const app = createRewardsApp({
    issuer,
    keys: createLocalJWKSet(jwks),
    product,
    observe: (r) => {
      seen.push(r);
      const identity = r.headers.get('tessera-identity');
      apps.push(identity ? String(decodeJwt(identity).azp) : null);
    },
  });
  return new Promise((resolve) => {
    const fetch = delayMs
      ? async (request: Request) => {
          await new Promise((done) => setTimeout(done, delayMs));
          return app.fetch(request);
        }
      : app.fetch;
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({
        seen,
        apps,
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            (server as Server).closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}

/** An upstream that fails: every answer a 500, or none at all (it holds the request open). */
export function startFaultyUpstream(kind: '500' | 'hang'): Promise<Listening & { hits: number }> {
  const state = { hits: 0 };
  const server = createServer((_req, res) => {
    state.hits++;
    if (kind === 'hang') return;
    res
      .writeHead(500, { 'Content-Type': 'text/plain' })
      .end('stack trace: NullPointerException at Rewards.java:42');
  });
  return listening(server).then((l) => Object.assign(state, l));
}

/** The rewards document, or the same operations renamed to another product id. */
export function productDocument(id = 'rewards'): Record<string, unknown> {
  const text = JSON.stringify(rewardsDocument)
    .replaceAll('/v1/rewards/', `/v1/${id}/`)
    .replaceAll('"rewards:', `"${id}:`);
  return JSON.parse(text.replace('"title":"Rewards points"', `"title":"${id}"`));
}

/** A signed-in member of a bank product team. */
export async function productTeamMember(gw: TestGateway, team: string) {
  const member = await signUp(gw);
  await gw.services.db
    .update(developers)
    .set({ role: 'product_team', team })
    .where(eq(developers.id, member.id));
  return member;
}

/** What an approved subscription does: the product's scopes join the app's. */
export async function grantScopes(gw: TestGateway, appId: string, scopes: string[]) {
  const [app] = await gw.services.db.select({ scopes: apps.scopes }).from(apps).where(eq(apps.id, appId));
  await gw.services.db
    .update(apps)
    .set({ scopes: [...new Set([...app!.scopes, ...scopes])] })
    .where(eq(apps.id, appId));
}

export function publish(gw: TestGateway, who: Record<string, string>, body: Record<string, unknown>) {
  return gw.client.post<Record<string, unknown> & { code?: string; errors?: { path: string }[] }>(
    '/v1/developer/admin/products',
    body,
    who,
  );
}
