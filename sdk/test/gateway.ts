import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { apps } from '../../gateway/src/db/schema/index.ts';
import { balanceOf } from '../../gateway/src/platform/ledger.ts';
import { type RunningGateway, startNodeGateway } from '../../gateway/src/runtime/node.ts';
import { createSandboxApp, seedDemo } from '../../gateway/src/sandbox/seed/demo.ts';
import { FaultProxy } from './proxy.ts';

export interface FapiApp {
  clientId: string;
  privateKey: CryptoKey;
  kid: string;
  redirectUri: string;
}

export interface SecretApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TestGateway {
  /** The public URL: the fault proxy, in front of the gateway. */
  url: string;
  /** The gateway itself, bypassing the proxy. */
  directUrl: string;
  proxy: FaultProxy;
  gateway: RunningGateway;
  dataDir: string;
  /** The sandbox demo app, as `npm start` prints it and writes it to sandbox.json. */
  demo: SecretApp;
  /** A new sandbox app using private_key_jwt and DPoP, as a FAPI partner would register. */
  createFapiApp(scopes?: string[]): Promise<FapiApp>;
  /** A new sandbox app using client_secret_basic. */
  createSecretApp(scopes?: string[]): Promise<SecretApp>;
  /** The balance of an app's merchant settlement account (minor units), read from the ledger. */
  merchantBalance(appId: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A real gateway (Node entry, PORT 0, temp DATA_DIR, seeded sandbox) behind a FaultProxy. The
 * gateway's PUBLIC_URL is the proxy's, so the OAuth issuer and DPoP `htu` are the proxy's URLs.
 */
export async function startGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-sdk-'));
  const proxy = await FaultProxy.start();
  const gateway = await startNodeGateway({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PUBLIC_URL: proxy.url,
    ...env,
  });
  proxy.target = gateway.url;
  const saved = JSON.parse(readFileSync(join(dataDir, 'sandbox.json'), 'utf8')) as {
    client_id: string;
    client_secret: string;
  };
  const ctx = { ...gateway.services, requestId: 'sdk-test' };
  const seed = await seedDemo(ctx);

  return {
    url: proxy.url,
    directUrl: gateway.url,
    proxy,
    gateway,
    dataDir,
    demo: {
      clientId: saved.client_id,
      clientSecret: saved.client_secret,
      redirectUri: 'http://127.0.0.1:4000/callback',
    },
    async createFapiApp(scopes) {
      const { privateKey, publicKey } = (await crypto.subtle.generateKey(
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['sign', 'verify'],
      )) as CryptoKeyPair;
      const jwk = await crypto.subtle.exportKey('jwk', publicKey);
      const kid = crypto.randomUUID();
      const redirectUri = 'https://shop.example/callback';
      const app = await createSandboxApp(ctx, {
        developerId: seed.developerId,
        sandboxId: seed.sandboxId,
        name: 'FAPI Shop',
        merchantName: 'FAPI Shop',
        redirectUris: [redirectUri],
        tokenEndpointAuthMethod: 'private_key_jwt',
        jwks: { keys: [{ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' }] },
        dpopRequired: true,
        ...(scopes ? { scopes } : {}),
      });
      return { clientId: app.appId, privateKey, kid, redirectUri };
    },
    async createSecretApp(scopes) {
      const redirectUri = 'http://127.0.0.1:4000/callback';
      const app = await createSandboxApp(ctx, {
        developerId: seed.developerId,
        sandboxId: seed.sandboxId,
        name: 'Secret Shop',
        merchantName: 'Secret Shop',
        redirectUris: [redirectUri],
        dpopRequired: true,
        ...(scopes ? { scopes } : {}),
      });
      return { clientId: app.appId, clientSecret: app.clientSecret!, redirectUri };
    },
    async merchantBalance(appId) {
      const [app] = await ctx.db
        .select({ account: apps.merchantAccountId })
        .from(apps)
        .where(eq(apps.id, appId));
      if (!app) throw new Error(`no app ${appId}`);
      return (await balanceOf(ctx.db, app.account)) ?? 0;
    },
    async close() {
      await gateway.close();
      await proxy.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The customer's browser on the bank's pages, with plain fetch: cookies kept, every hidden input
 * (CSRF token included) sent back, 303s within the gateway followed. Returns the final redirect
 * to the app's redirect URI.
 */
export async function approveInBrowser(
  authorizationUrl: string,
  customer = { username: 'ava', password: 'sandbox', code: '123456' },
): Promise<URL> {
  const cookies = new Map<string, string>();
  const origin = new URL(authorizationUrl).origin;
  const open = async (
    url: string,
    init: RequestInit = {},
  ): Promise<{ html: string; location: URL | null }> => {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('Cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const location = res.headers.get('Location');
    if (res.status === 303 && location) {
      const next = new URL(location, url);
      if (next.origin === origin) return open(next.toString());
      return { html: await res.text(), location: next };
    }
    if (res.status !== 200)
      throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return { html: await res.text(), location: null };
  };
  const submit = async (html: string, fields: Record<string, string>) => {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    if (!form) throw new Error(`no form on the page:\n${html.slice(0, 500)}`);
    const values = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      if (name) values.set(name, decodeEntities(/value="([^"]*)"/.exec(input[0])?.[1] ?? ''));
    }
    for (const [k, v] of Object.entries(fields)) values.set(k, v);
    return open(new URL(decodeEntities(form[1]!), origin).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: values.toString(),
    });
  };

  let page = await open(authorizationUrl);
  if (!page.html.includes('name="csrf"')) throw new Error('the login page has no CSRF field');
  page = await submit(page.html, { username: customer.username, password: customer.password });
  page = await submit(page.html, { code: customer.code });
  const decided = await submit(page.html, { decision: 'approve' });
  if (!decided.location) throw new Error(`the decision did not redirect:\n${decided.html.slice(0, 500)}`);
  return decided.location;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
