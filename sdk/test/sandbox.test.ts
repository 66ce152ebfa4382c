import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  Tessera,
  TesseraError,
} from '../src/index.ts';
import { startGateway, type TestGateway } from './gateway.ts';

let gw: TestGateway;
let tessera: Tessera;

beforeAll(async () => {
  gw = await startGateway();
  // The quickstart: the demo app's credentials from sandbox.json (client_secret_basic).
  tessera = new Tessera({
    baseUrl: gw.url,
    clientId: gw.demo.clientId,
    clientSecret: gw.demo.clientSecret,
    redirectUri: gw.demo.redirectUri,
  });
});
afterAll(() => gw?.close());

describe('sandbox shortcut and product calls', () => {
  it('sandbox.authorize → creditScore.retrieve (full consent: band, score, reasons)', async () => {
    const session = await tessera.sandbox.authorize('ava', {
      authorizationDetails: [{ type: 'credit_score', purpose: 'checkout_credit', detail: 'full' }],
    });
    expect(session.consentId).toMatch(/^csn_/);
    expect(session.scope).toContain('credit_score:read');
    const score = await session.creditScore.retrieve();
    expect(score).toMatchObject({ object: 'credit_score', model_version: expect.any(String) });
    expect(score.score).toBeGreaterThanOrEqual(300);
    expect(score.reasons?.length).toBeGreaterThan(0);

    // The code was bound to the client's DPoP key: the sandbox request named its thumbprint.
    const [shortcut] = gw.proxy.to('POST', '/v1/sandbox/authorizations').slice(-1);
    const body = JSON.parse(shortcut!.body) as { dpop_jkt: string; code_challenge_method: string };
    expect(body.code_challenge_method).toBe('S256');
    expect(body.dpop_jkt).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a band consent gives the band only', async () => {
    const session = await tessera.sandbox.authorize('ben', {
      authorizationDetails: [{ type: 'credit_score', purpose: 'account_review', detail: 'band' }],
    });
    const score = await session.creditScore.retrieve();
    expect(score.band).toBeTypeOf('string');
    expect(score.score).toBeUndefined();
  });
});

describe('app tokens', () => {
  it('clientCredentials is cached until near expiry and shared by concurrent callers', async () => {
    const fresh = new Tessera({
      baseUrl: gw.url,
      clientId: gw.demo.clientId,
      clientSecret: gw.demo.clientSecret,
    });
    const before = gw.proxy.to('POST', '/oauth/token').length;
    const [a, b] = await Promise.all([fresh.oauth.clientCredentials(), fresh.oauth.clientCredentials()]);
    const c = await fresh.oauth.clientCredentials();
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.type).toBe('DPoP');
    expect(a.expiresAt).toBeGreaterThan(Date.now() + 200_000);
    const scoped = await fresh.oauth.clientCredentials('events:read');
    expect(scoped.value).not.toBe(a.value);
    expect(gw.proxy.to('POST', '/oauth/token').length - before).toBe(2);
  });
});

describe('typed errors', () => {
  it('404 → NotFoundError with code, detail and requestId', async () => {
    const err = await tessera.consents.retrieve('csn_doesnotexist').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toBeInstanceOf(TesseraError);
    expect(err).toMatchObject({
      status: 404,
      code: 'not_found',
      type: expect.stringMatching(/\/errors\/not_found$/),
    });
    expect((err as NotFoundError).requestId).toMatch(/^req_/);
    expect((err as NotFoundError).detail).toContain('csn_doesnotexist');
    expect((err as NotFoundError).message).toContain((err as NotFoundError).requestId);
  });

  it('403 insufficient_scope → PermissionError (a customer operation with the app token)', async () => {
    const err = await tessera.creditScore.retrieve().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionError);
    expect(err).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect((err as PermissionError).headers?.get('WWW-Authenticate')).toContain('insufficient_scope');
  });

  it('403 insufficient_scope → PermissionError (a session without the scope)', async () => {
    const session = await tessera.sandbox.authorize('cam', { scope: 'consents:read' });
    await expect(session.creditScore.retrieve()).rejects.toMatchObject({
      name: 'PermissionError',
      code: 'insufficient_scope',
    });
  });

  it('400 with field errors → InvalidRequestError with errors[]', async () => {
    const err = await tessera.sandbox
      .authorize('nobody', { scope: 'consents:read' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err).toMatchObject({ status: 400, code: 'invalid_request' });
    expect((err as InvalidRequestError).errors).toEqual([
      { path: 'customer', message: expect.stringContaining('nobody') },
    ]);
  });

  it('OAuth errors are typed too: a wrong client secret → AuthenticationError invalid_client', async () => {
    const wrong = new Tessera({
      baseUrl: gw.url,
      clientId: gw.demo.clientId,
      clientSecret: 'sk_sandbox_wrong',
    });
    await expect(wrong.oauth.clientCredentials()).rejects.toMatchObject({
      name: 'AuthenticationError',
      status: 401,
      code: 'invalid_client',
    });
  });

  it('no server → ConnectionError (after retrying the safe request)', async () => {
    const down = new Tessera({
      baseUrl: 'http://127.0.0.1:9',
      clientId: 'app_x',
      clientSecret: 'x',
      maxRetries: 1,
    });
    const err = await down.oauth.metadata().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ code: 'connection_error', status: undefined });
  });

  it('a per-request timeout → ConnectionError code timeout', async () => {
    const slow = new Tessera({
      baseUrl: gw.url,
      clientId: gw.demo.clientId,
      clientSecret: gw.demo.clientSecret,
      maxRetries: 0,
      timeoutMs: 50,
      fetch: async (url, init) => {
        await new Promise((r) => setTimeout(r, 200));
        init.signal?.throwIfAborted();
        return fetch(url, init);
      },
    });
    await expect(slow.oauth.metadata()).rejects.toMatchObject({ name: 'ConnectionError', code: 'timeout' });
  });
});
