import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { createDpopKey, type DpopKey, makeDpopProof } from '../oauth/dpop-testing';
import { createSandboxApp } from '../sandbox/seed/demo';
import type { TestResponse } from './client';
import type { TestGateway } from './harness';

export const ISSUER = 'http://127.0.0.1:8787';

export function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = `${crypto.randomUUID()}${crypto.randomUUID()}`.replace(/-/g, '');
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then((d) => {
    let bin = '';
    for (const b of new Uint8Array(d)) bin += String.fromCharCode(b);
    return { verifier, challenge: btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') };
  });
}

export interface TestApp {
  id: string;
  secret: string | null;
  /** private_key_jwt apps: the key their client assertions are signed with. */
  signingKey: { privateKey: CryptoKey; kid: string } | null;
  dpop: boolean;
}

/** A sandbox app in the gateway's sandbox: client_secret_basic without DPoP, or FAPI-style. */
export async function createTestApp(
  gw: TestGateway,
  opts: { fapi?: boolean; name?: string } = {},
): Promise<TestApp> {
  const ctx = { ...gw.services, requestId: 'test' };
  if (!opts.fapi) {
    const app = await createSandboxApp(ctx, {
      developerId: gw.seed.developerId,
      sandboxId: gw.seed.sandboxId,
      name: opts.name ?? 'Test Shop',
      merchantName: opts.name ?? 'Test Shop',
      redirectUris: ['http://127.0.0.1:4000/callback'],
      dpopRequired: false,
    });
    return { id: app.appId, secret: app.clientSecret, signingKey: null, dpop: false };
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const app = await createSandboxApp(ctx, {
    developerId: gw.seed.developerId,
    sandboxId: gw.seed.sandboxId,
    name: opts.name ?? 'FAPI Shop',
    merchantName: opts.name ?? 'FAPI Shop',
    redirectUris: ['https://shop.example/callback'],
    tokenEndpointAuthMethod: 'private_key_jwt',
    jwks: { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] },
    dpopRequired: true,
  });
  return { id: app.appId, secret: null, signingKey: { privateKey, kid }, dpop: true };
}

export async function clientAssertion(
  gw: TestGateway,
  app: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(gw.clock.now().getTime() / 1000);
  return new SignJWT({
    iss: app.id,
    sub: app.id,
    aud: ISSUER,
    jti: crypto.randomUUID(),
    iat: now,
    exp: now + 60,
    ...overrides,
  })
    .setProtectedHeader({ alg: 'ES256', kid: app.signingKey!.kid })
    .sign(app.signingKey!.privateKey);
}

/** Form body and headers that authenticate `app` at a token-like endpoint. */
export async function clientAuth(
  gw: TestGateway,
  app: TestApp,
  params: Record<string, string>,
): Promise<{ body: string; headers: Record<string, string> }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const form = new URLSearchParams(params);
  if (app.signingKey) {
    form.set('client_id', app.id);
    form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    form.set('client_assertion', await clientAssertion(gw, app));
  } else {
    headers.Authorization = `Basic ${btoa(`${app.id}:${app.secret}`)}`;
  }
  return { body: form.toString(), headers };
}

export async function proof(
  gw: TestGateway,
  key: DpopKey,
  method: string,
  path: string,
  accessToken?: string,
): Promise<string> {
  return makeDpopProof({
    key,
    htm: method,
    htu: `${ISSUER}${path}`,
    accessToken,
    iat: Math.floor(gw.clock.now().getTime() / 1000),
  });
}

export interface TokenSet {
  access_token: string;
  refresh_token?: string;
  token_type: string;
  scope: string;
  consent_id?: string;
}

/** POST /oauth/token for `app`, with a DPoP proof when `key` is given. */
export async function tokenRequest(
  gw: TestGateway,
  app: TestApp,
  params: Record<string, string>,
  key?: DpopKey,
) {
  const { body, headers } = await clientAuth(gw, app, params);
  if (key) headers.DPoP = await proof(gw, key, 'POST', '/oauth/token');
  return gw.client.request<TokenSet & { error?: string; error_description?: string }>(
    'POST',
    '/oauth/token',
    { body, headers },
  );
}

export async function appToken(
  gw: TestGateway,
  app: TestApp,
  scope?: string,
  key?: DpopKey,
): Promise<string> {
  const res = await tokenRequest(
    gw,
    app,
    { grant_type: 'client_credentials', ...(scope ? { scope } : {}) },
    key,
  );
  if (res.status !== 200) throw new Error(`client_credentials failed: ${res.text}`);
  return res.body.access_token;
}

/** A client that calls the API with a token, adding a fresh DPoP proof when it has a key. */
export function apiAs(gw: TestGateway, token: string, key?: DpopKey) {
  return async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = { ...extra };
    if (key) {
      headers.Authorization = `DPoP ${token}`;
      headers.DPoP = await proof(gw, key, method, path.split('?')[0]!, token);
    } else {
      headers.Authorization = `Bearer ${token}`;
    }
    return gw.client.request<T>(method, path, { body, headers });
  };
}

export interface CustomerAccess {
  app: TestApp;
  key: DpopKey | undefined;
  tokens: TokenSet;
  consentId: string;
  call: ReturnType<typeof apiAs>;
}

/**
 * A customer token the quick way: the sandbox shortcut, then the token endpoint with PKCE (and
 * DPoP for FAPI apps). What every product test uses to act for a customer.
 */
export async function customerAccess(
  gw: TestGateway,
  opts: { app?: TestApp; customer?: string; scope?: string; authorization_details?: unknown[] } = {},
): Promise<CustomerAccess> {
  const app = opts.app ?? (await createTestApp(gw, { fapi: true }));
  const key = app.dpop ? await createDpopKey() : undefined;
  const admin = await appToken(gw, app, undefined, key);
  const { verifier, challenge } = await pkcePair();
  const redirect = app.dpop ? 'https://shop.example/callback' : 'http://127.0.0.1:4000/callback';
  const auth = await apiAs(gw, admin, key)<{ code: string; consent_id: string }>(
    'POST',
    '/v1/sandbox/authorizations',
    {
      customer: opts.customer ?? 'ava',
      ...(opts.scope ? { scope: opts.scope } : {}),
      ...(opts.authorization_details ? { authorization_details: opts.authorization_details } : {}),
      redirect_uri: redirect,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    },
  );
  if (auth.status !== 201) throw new Error(`sandbox authorization failed: ${auth.text}`);
  const res = await tokenRequest(
    gw,
    app,
    {
      grant_type: 'authorization_code',
      code: auth.body.code,
      redirect_uri: redirect,
      code_verifier: verifier,
    },
    key,
  );
  if (res.status !== 200) throw new Error(`token request failed: ${res.text}`);
  return {
    app,
    key,
    tokens: res.body,
    consentId: auth.body.consent_id,
    call: apiAs(gw, res.body.access_token, key),
  };
}
