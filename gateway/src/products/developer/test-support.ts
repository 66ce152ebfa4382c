import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { developers } from '../../db/schema';
import { corsMiddleware } from '../../platform/cors';
import type { TestResponse } from '../../testing/client';
import type { TestGateway } from '../../testing/harness';
import { type TestApp, tokenRequest } from '../../testing/oauth';

/** Test helpers (Node only) for the developer API. */

export interface SignedIn {
  id: string;
  email: string;
  cookie: string;
  csrf: string;
  apiToken: string;
  /** Cookie and CSRF token: how the portal calls. */
  session: Record<string, string>;
  /** The developer API token: how scripts call. */
  token: Record<string, string>;
}

/** The `tessera_dev=…` pair of a Set-Cookie header, to send back as Cookie. */
export function sessionCookie(res: TestResponse): string {
  const m = /(?:^|,\s*)(tessera_dev=[^;]*)/.exec(res.headers.get('set-cookie') ?? '');
  if (!m) throw new Error(`no session cookie in ${res.headers.get('set-cookie')}`);
  return m[1]!;
}

let counter = 0;

/** A new developer account, signed in, with its own sandbox. */
export async function signUp(
  gw: TestGateway,
  opts: { email?: string; role?: 'bank_staff' } = {},
): Promise<SignedIn> {
  const email = opts.email ?? `dev${++counter}-${crypto.randomUUID().slice(0, 8)}@partner.example`;
  const res = await gw.client.post<{
    developer: { id: string };
    csrf_token: string;
    api_token: string;
  }>('/v1/developer/signup', { email, name: 'Test Developer', password: 'correct horse battery' });
  if (res.status !== 201) throw new Error(`signup failed: ${res.text}`);
  if (opts.role)
    await gw.services.db
      .update(developers)
      .set({ role: opts.role })
      .where(eq(developers.id, res.body.developer.id));
  const cookie = sessionCookie(res);
  return {
    id: res.body.developer.id,
    email,
    cookie,
    csrf: res.body.csrf_token,
    apiToken: res.body.api_token,
    session: { Cookie: cookie, 'X-CSRF-Token': res.body.csrf_token },
    token: { Authorization: `Bearer ${res.body.api_token}` },
  };
}

/**
 * The gateway behind the CORS middleware, as app.ts mounts it (mounting it twice is harmless, so
 * this holds whether or not app.ts already does).
 */
export function withCors(gw: TestGateway): (req: Request) => Promise<Response> {
  const outer = new Hono();
  outer.use('*', corsMiddleware(gw.services.config.PORTAL_ORIGIN));
  outer.all('*', (c) => gw.app.fetch(c.req.raw));
  return async (req) => outer.fetch(req);
}

export interface AppBody {
  id: string;
  scopes: string[];
  redirect_uris: string[];
  client_secret?: string | null;
  previous_client_secret_expires_at?: string | null;
}

export interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** POST /v1/developer/apps: a client_secret_basic app without DPoP unless `body` says otherwise. */
export function createApp(gw: TestGateway, who: Record<string, string>, body: Record<string, unknown> = {}) {
  return gw.client.post<AppBody>(
    '/v1/developer/apps',
    {
      name: 'Console Shop',
      redirect_uris: ['https://shop.example/callback'],
      dpop_bound_access_tokens: false,
      ...body,
    },
    who,
  );
}

/** A client-credentials token request authenticated with client_secret_basic. */
export function clientCredentials(gw: TestGateway, appId: string, secret: string) {
  const app: TestApp = { id: appId, secret, signingKey: null, dpop: false };
  return tokenRequest(gw, app, { grant_type: 'client_credentials' });
}
