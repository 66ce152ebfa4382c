import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { BatchItem } from '../../db/client';
import { consents, customers, developers, payments } from '../../db/schema';
import { bankAccountId } from '../../platform/bank-accounts';
import { corsMiddleware } from '../../platform/cors';
import { postJournal } from '../../platform/ledger';
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

/** Test helpers (Node only) for going live. */

export const GO_LIVE_BODY = {
  legal_name: 'Shop Example Ltd',
  country: 'GB',
  website: 'https://shop.example',
  payout_account: { account_number: '12344321', holder_name: 'Shop Example Ltd' },
  products: ['payments', 'events'],
};

/** A live app's key pair: the public half goes in the go-live request, the private signs assertions. */
export async function liveKeys() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { jwks: { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] }, signingKey: { privateKey, kid } };
}

export interface GoLiveBody {
  id: string;
  status: string;
  reason: string | null;
  live_app: string | null;
  payout_account: { last4: string };
}

/** A partner's go-live request approved by `staff`: the live app as a test client. */
export async function goLive(gw: TestGateway, partner: SignedIn, staff: SignedIn, sandboxAppId: string) {
  const keys = await liveKeys();
  const asked = await gw.client.post<GoLiveBody>(
    '/v1/developer/go-live-requests',
    { ...GO_LIVE_BODY, app: sandboxAppId, jwks: keys.jwks },
    partner.session,
  );
  if (asked.status !== 201) throw new Error(`go-live request failed: ${asked.text}`);
  const approved = await gw.client.post<GoLiveBody>(
    `/v1/developer/admin/go-live-requests/${asked.body.id}/approve`,
    {},
    staff.session,
  );
  if (approved.status !== 200) throw new Error(`approval failed: ${approved.text}`);
  const app: TestApp = { id: approved.body.live_app!, secret: null, signingKey: keys.signingKey, dpop: true };
  return { request: approved.body, app };
}

/**
 * A live payment of `amount` into the live app's merchant account, written as the payment service
 * would (row, journal, balance transaction): live customers sign in on the bank's own pages,
 * which a test cannot reach, so the payment is planted.
 */
export async function plantLivePayment(
  gw: TestGateway,
  live: { appId: string; merchantAccountId: string },
  amount: number,
) {
  const ctx = { ...gw.services, requestId: 'test' };
  const now = gw.clock.now();
  const customerId = gw.services.ids.newId('cus');
  const consentId = gw.services.ids.newId('csn');
  const paymentId = gw.services.ids.newId('pay');
  const journal = await postJournal(ctx, {
    mode: 'live',
    kind: 'payment',
    referenceId: paymentId,
    description: 'Test: a live payment',
    currency: 'USD',
    lines: [
      { accountId: bankAccountId('bank_funding', 'live', 'USD'), debit: amount },
      { accountId: live.merchantAccountId, credit: amount },
    ],
  });
  const statements: BatchItem[] = [
    gw.services.db.insert(customers).values({
      id: customerId,
      mode: 'live',
      name: 'Live Customer',
      homeCountry: 'US',
      currency: 'USD',
      monthlyIncome: 0,
      monthlyDebtObligations: 0,
      createdAt: now,
    }),
    gw.services.db.insert(consents).values({
      id: consentId,
      appId: live.appId,
      customerId,
      mode: 'live',
      scopes: ['payments:write'],
      authorizationDetails: [],
      status: 'consumed',
      createdAt: now,
    }),
    gw.services.db.insert(payments).values({
      id: paymentId,
      appId: live.appId,
      mode: 'live',
      consentId,
      customerId,
      debtorAccountId: bankAccountId('bank_funding', 'live', 'USD'),
      creditorAccountId: live.merchantAccountId,
      amount,
      currency: 'USD',
      status: 'succeeded',
      createdAt: now,
    }),
    ...journal.statements,
  ];
  await gw.services.db.batch(statements as [BatchItem, ...BatchItem[]]);
  return paymentId;
}
