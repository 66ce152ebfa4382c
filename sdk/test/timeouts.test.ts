import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionError, Tessera } from '../src/index.ts';
import { startGateway, type TestGateway } from './gateway.ts';

/**
 * Deadlines and cancellation. The client's own timeout is a minute here, longer than any test may
 * run: a call that is not governed by its per-call `timeoutMs` fails the test by running out.
 */
const CLIENT_TIMEOUT_MS = 60_000;
const TOKEN = '/oauth/token';

let gw: TestGateway;
let silent: Server;
let silentUrl: string;

beforeAll(async () => {
  gw = await startGateway();
  // Accepts connections and reads requests, never answers.
  silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  silent?.closeAllConnections();
  await new Promise((resolve) => silent?.close(resolve));
  await gw?.close();
});
beforeEach(() => gw.proxy.reset());

function client(extra: Partial<ConstructorParameters<typeof Tessera>[0]> = {}) {
  return new Tessera({
    baseUrl: gw.url,
    clientId: gw.demo.clientId,
    clientSecret: gw.demo.clientSecret,
    redirectUri: gw.demo.redirectUri,
    timeoutMs: CLIENT_TIMEOUT_MS,
    maxRetries: 0,
    ...extra,
  });
}

/** Resolves once the proxy has received a request to `path`: the call is now waiting on it. */
async function received(method: string, path: string): Promise<void> {
  while (gw.proxy.to(method, path).length === 0) await new Promise((r) => setTimeout(r, 10));
}

describe('timeouts always fire', () => {
  it('a timeout fires against a server that never answers, with garbage collections during the request', async () => {
    const collect = (globalThis as { gc?: () => void }).gc;
    expect(collect, 'vitest.config.ts runs the SDK tests with --expose-gc').toBeTypeOf('function');
    const tessera = new Tessera({ baseUrl: silentUrl, clientId: 'app_x', timeoutMs: 1_000, maxRetries: 0 });
    const collecting = setInterval(() => collect!(), 20);
    try {
      const err = await tessera.oauth.metadata().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionError);
      expect(err).toMatchObject({ code: 'timeout' });
    } finally {
      clearInterval(collecting);
    }
  }, 20_000);
});

describe('per-call options govern the OAuth requests a call makes', () => {
  it('per-call timeoutMs governs the client-credentials token fetch an API call triggers', async () => {
    const tessera = client();
    await tessera.oauth.metadata();
    gw.proxy.fail('POST', TOKEN, 'hang');
    const err = await tessera.consents.retrieve('csn_x', { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ code: 'timeout', detail: expect.stringContaining(TOKEN) });
  });

  it('per-call timeoutMs governs the metadata fetch before the first token', async () => {
    const tessera = client();
    gw.proxy.fail('GET', '/.well-known/oauth-authorization-server', 'hang');
    const err = await tessera.consents.retrieve('csn_x', { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'timeout', detail: expect.stringContaining('/.well-known/') });
  });

  it('per-call signal stops a call waiting for its token fetch', async () => {
    const tessera = client();
    await tessera.oauth.metadata();
    gw.proxy.fail('POST', TOKEN, 'hang');
    const controller = new AbortController();
    const call = tessera.consents.retrieve('csn_x', { signal: controller.signal }).catch((e: unknown) => e);
    await received('POST', TOKEN);
    controller.abort(new Error('the shopper left'));
    expect(await call).toMatchObject({ message: 'the shopper left' });
  });

  it('an aborted call does not cancel the token fetch another call shares', async () => {
    const tessera = client();
    await tessera.oauth.metadata();
    let release = () => {};
    gw.proxy.fail('POST', TOKEN, { hold: new Promise<void>((r) => (release = r)) });
    const controller = new AbortController();
    const left = tessera.consents.retrieve('csn_x', { signal: controller.signal }).catch((e: unknown) => e);
    const stays = tessera.consents.retrieve('csn_x').catch((e: unknown) => e);
    await received('POST', TOKEN);
    controller.abort(new Error('gone'));
    expect(await left).toMatchObject({ message: 'gone' });
    release();
    expect(await stays).toMatchObject({ code: 'not_found' });
    expect(gw.proxy.to('POST', TOKEN)).toHaveLength(1);
  });

  it('per-call timeoutMs and signal govern the refresh an API call triggers', async () => {
    const tessera = client();
    const session = await tessera.sandbox.authorize('ava', { scope: 'consents:read' });
    const expired = tessera.oauth.resumeSession({ ...session.toJSON(), expiresAt: Date.now() - 1 });
    gw.proxy.reset();
    gw.proxy.fail('POST', TOKEN, 'hang', 2);
    const timedOut = await expired.consents
      .retrieve(session.consentId, { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(timedOut).toMatchObject({ code: 'timeout', detail: expect.stringContaining(TOKEN) });
    expect(new URLSearchParams(gw.proxy.to('POST', TOKEN)[0]!.body).get('grant_type')).toBe('refresh_token');

    gw.proxy.records.length = 0;
    const controller = new AbortController();
    const call = expired.consents
      .retrieve(session.consentId, { signal: controller.signal })
      .catch((e: unknown) => e);
    await received('POST', TOKEN);
    controller.abort(new Error('cancelled'));
    expect(await call).toMatchObject({ message: 'cancelled' });
  });

  it('per-call timeoutMs and signal govern the pushed authorization request (PAR)', async () => {
    const tessera = client();
    await tessera.oauth.metadata();
    gw.proxy.fail('POST', '/oauth/par', 'hang', 2);
    const params = { scope: 'consents:read' };
    const timedOut = await tessera.oauth
      .authorizationUrl(params, { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(timedOut).toMatchObject({ code: 'timeout', detail: expect.stringContaining('/oauth/par') });

    gw.proxy.records.length = 0;
    const controller = new AbortController();
    const call = tessera.oauth
      .authorizationUrl(params, { signal: controller.signal })
      .catch((e: unknown) => e);
    await received('POST', '/oauth/par');
    controller.abort(new Error('cancelled'));
    expect(await call).toMatchObject({ message: 'cancelled' });
  });
});
