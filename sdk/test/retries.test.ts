import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idempotentOperations } from '../src/generated/operations.ts';
import {
  ApiError,
  ConnectionError,
  IdempotencyError,
  type ListPromise,
  RateLimitError,
  Tessera,
} from '../src/index.ts';
import { startGateway, type TestGateway } from './gateway.ts';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw?.close());
beforeEach(() => gw.proxy.reset());

function client(extra: Partial<ConstructorParameters<typeof Tessera>[0]> = {}) {
  return new Tessera({
    baseUrl: gw.url,
    clientId: gw.demo.clientId,
    clientSecret: gw.demo.clientSecret,
    redirectUri: gw.demo.redirectUri,
    ...extra,
  });
}

const SHORTCUT = '/v1/sandbox/authorizations';
const unavailable = { status: 503, body: { code: 'service_unavailable', status: 503, detail: 'Try again.' } };
const jti = (proof: unknown) =>
  JSON.parse(atob(String(proof).split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).jti;

describe('retries', () => {
  it('retries 503 then succeeds, sending the SAME Idempotency-Key and a fresh DPoP proof each attempt; one effect', async () => {
    const tessera = client();
    await tessera.oauth.clientCredentials(); // warm the token so the proxy sees only the write
    gw.proxy.fail('POST', SHORTCUT, unavailable, 2);
    const session = await tessera.sandbox.authorize(
      'ava',
      { scope: 'consents:read' },
      { idempotencyKey: 'order-1234' },
    );
    const attempts = gw.proxy.to('POST', SHORTCUT);
    expect(attempts).toHaveLength(3);
    expect(attempts.map((a) => a.headers['idempotency-key'])).toEqual([
      'order-1234',
      'order-1234',
      'order-1234',
    ]);
    expect(new Set(attempts.map((a) => jti(a.headers.dpop))).size).toBe(3);
    // Only the last attempt reached the gateway: one consent was created.
    expect(attempts.map((a) => a.outcome)).toEqual([
      { answered: 503 },
      { answered: 503 },
      { forwarded: 201 },
    ]);
    expect((await session.consents.retrieve(session.consentId)).status).toBe('authorised');
  });

  it('sends an Idempotency-Key exactly on the operations the document declares it for', async () => {
    const tessera = client();
    await tessera.sandbox.authorize('ava', { scope: 'consents:read' });
    expect(idempotentOperations).not.toContain(`POST ${SHORTCUT}`);
    expect(gw.proxy.to('POST', SHORTCUT)[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('retries a dropped connection on a request with an Idempotency-Key, reusing the key', async () => {
    const tessera = client();
    await tessera.oauth.clientCredentials();
    gw.proxy.fail('POST', SHORTCUT, 'drop', 1);
    await tessera.sandbox.authorize('ava', { scope: 'consents:read' }, { idempotencyKey: 'k-drop' });
    const attempts = gw.proxy.to('POST', SHORTCUT);
    expect(attempts.map((a) => a.outcome)).toEqual(['dropped', { forwarded: 201 }]);
    expect(attempts.map((a) => a.headers['idempotency-key'])).toEqual(['k-drop', 'k-drop']);
  });

  it('does not repeat a write without an Idempotency-Key after a dropped connection (it may have run)', async () => {
    const tessera = client();
    await tessera.oauth.clientCredentials();
    gw.proxy.fail('POST', SHORTCUT, 'drop', 1);
    const err = await tessera.sandbox.authorize('ava', { scope: 'consents:read' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(gw.proxy.to('POST', SHORTCUT)).toHaveLength(1);
  });

  it('retries 409 idempotency_key_in_use with the same key', async () => {
    const tessera = client();
    await tessera.oauth.clientCredentials();
    gw.proxy.fail(
      'POST',
      SHORTCUT,
      { status: 409, body: { code: 'idempotency_key_in_use', status: 409, detail: 'Busy.' } },
      1,
    );
    await tessera.sandbox.authorize('ava', { scope: 'consents:read' }, { idempotencyKey: 'k-409' });
    const attempts = gw.proxy.to('POST', SHORTCUT);
    expect(attempts.map((a) => a.headers['idempotency-key'])).toEqual(['k-409', 'k-409']);
  });

  it('does not retry 422 idempotency_key_reused: IdempotencyError', async () => {
    const tessera = client();
    await tessera.oauth.clientCredentials();
    gw.proxy.fail('POST', SHORTCUT, {
      status: 422,
      body: { code: 'idempotency_key_reused', status: 422, detail: 'Use a new key.', request_id: 'req_x' },
    });
    const err = await tessera.sandbox
      .authorize('ava', { scope: 'consents:read' }, { idempotencyKey: 'k-422' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdempotencyError);
    expect(err).toMatchObject({ status: 422, code: 'idempotency_key_reused', requestId: 'req_x' });
    expect(gw.proxy.to('POST', SHORTCUT)).toHaveLength(1);
  });

  it('honours Retry-After on 429', async () => {
    const tessera = client();
    await tessera.oauth.clientCredentials();
    gw.proxy.fail('GET', '/v1/consents/csn_x', {
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { code: 'rate_limited', status: 429, detail: 'Slow down.' },
    });
    const started = Date.now();
    await expect(tessera.consents.retrieve('csn_x')).rejects.toMatchObject({ code: 'not_found' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(gw.proxy.to('GET', '/v1/consents/csn_x').map((a) => a.outcome)).toEqual([
      { answered: 429 },
      { forwarded: 404 },
    ]);
  });

  it('throws RateLimitError with retryAfter when the wait is too long or retries are used up', async () => {
    const tessera = client({ maxRetries: 0 });
    await tessera.oauth.clientCredentials();
    const limited = {
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { code: 'rate_limited', status: 429, detail: 'Slow down.' },
    };
    gw.proxy.fail('GET', '/v1/consents/csn_x', limited);
    const err = await tessera.consents.retrieve('csn_x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 7 });
  });

  it('gives up after maxRetries with the last error (ApiError for 5xx)', async () => {
    const tessera = client({ maxRetries: 1 });
    await tessera.oauth.clientCredentials();
    gw.proxy.fail('GET', '/v1/consents/csn_x', unavailable, 5);
    const err = await tessera.consents.retrieve('csn_x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(gw.proxy.to('GET', '/v1/consents/csn_x')).toHaveLength(2);
  });

  it('does not repeat a write without a key after a 500, but does repeat a read', async () => {
    const tessera = client();
    await tessera.oauth.clientCredentials();
    const failure = { status: 500, body: { code: 'internal_error', status: 500, detail: 'Oops.' } };
    gw.proxy.fail('POST', SHORTCUT, failure, 1);
    await expect(tessera.sandbox.authorize('ava', { scope: 'consents:read' })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(gw.proxy.to('POST', SHORTCUT)).toHaveLength(1);
    gw.proxy.fail('GET', '/v1/consents/csn_x', failure, 1);
    await expect(tessera.consents.retrieve('csn_x')).rejects.toMatchObject({ code: 'not_found' });
    expect(gw.proxy.to('GET', '/v1/consents/csn_x')).toHaveLength(2);
  });
});

describe('auto-pagination (synthetic pages served by the proxy)', () => {
  const items = Array.from({ length: 7 }, (_, i) => ({ id: `obj_${7 - i}`, object: 'thing' }));
  beforeEach(() => {
    gw.proxy.fail(
      'GET',
      '/v1/things',
      ({ path }) => {
        const query = new URL(path, 'http://x').searchParams;
        const limit = Number(query.get('limit') ?? 20);
        const after = query.get('starting_after');
        const start = after ? items.findIndex((i) => i.id === after) + 1 : 0;
        const data = items.slice(start, start + limit);
        return { status: 200, body: { object: 'list', data, has_more: start + limit < items.length } };
      },
      Number.POSITIVE_INFINITY,
    );
  });

  // The internal paginator every resource's list() uses, on a path the document does not have.
  type Thing = { id: string; object: string };
  type UntypedRequester = { list(path: string, init: unknown): ListPromise<Thing> };
  const list = (tessera: Tessera, limit: number) =>
    (tessera as unknown as { requester: UntypedRequester }).requester.list('/v1/things', {
      params: { query: { limit } },
    });

  it('await gives the first page; for await walks every page with starting_after = the last id', async () => {
    const tessera = client();
    const first = await list(tessera, 3);
    expect(first.data.map((i) => i.id)).toEqual(['obj_7', 'obj_6', 'obj_5']);
    expect(first.has_more).toBe(true);

    gw.proxy.records.length = 0;
    const seen: string[] = [];
    for await (const item of list(tessera, 3)) seen.push(item.id);
    expect(seen).toEqual(items.map((i) => i.id));
    expect(gw.proxy.to('GET', '/v1/things').map((r) => new URL(r.path, 'http://x').search)).toEqual([
      '?limit=3',
      '?limit=3&starting_after=obj_5',
      '?limit=3&starting_after=obj_2',
    ]);
  });

  it('walks towards newer objects with ending_before = the first id when started with ending_before', async () => {
    const tessera = client();
    await tessera.oauth.clientCredentials();
    gw.proxy.reset();
    gw.proxy.fail(
      'GET',
      '/v1/things',
      ({ path }) => {
        const query = new URL(path, 'http://x').searchParams;
        const before = items.findIndex((i) => i.id === query.get('ending_before'));
        const start = Math.max(0, before - 2);
        return {
          status: 200,
          body: { object: 'list', data: items.slice(start, before), has_more: start > 0 },
        };
      },
      Number.POSITIVE_INFINITY,
    );
    const seen: string[] = [];
    const requester = (tessera as unknown as { requester: UntypedRequester }).requester;
    for await (const item of requester.list('/v1/things', {
      params: { query: { limit: 2, ending_before: 'obj_1' } },
    }))
      seen.push(item.id);
    expect(seen).toEqual(['obj_3', 'obj_2', 'obj_5', 'obj_4', 'obj_7', 'obj_6']);
    expect(
      gw.proxy
        .to('GET', '/v1/things')
        .map((r) => new URL(r.path, 'http://x').searchParams.get('ending_before')),
    ).toEqual(['obj_1', 'obj_3', 'obj_5']);
  });

  it('list() results are full promises: .catch and .finally work, and a failed first page reaches .catch', async () => {
    const tessera = client({ maxRetries: 0 });
    const settled: string[] = [];
    const page = await list(tessera, 2).finally(() => settled.push('finally'));
    expect(page.data.map((i) => i.id)).toEqual(['obj_7', 'obj_6']);
    expect(settled).toEqual(['finally']);
    expect(Object.prototype.toString.call(list(tessera, 2))).toBe('[object ListPromise]');

    gw.proxy.reset();
    gw.proxy.fail('GET', '/v1/payments', unavailable);
    const caught = await tessera.payments
      .list()
      .catch((err: unknown) => err)
      .finally(() => settled.push('finally again'));
    expect(caught).toBeInstanceOf(ApiError);
    expect(settled).toEqual(['finally', 'finally again']);
  });

  it('toArray stops fetching once it has enough', async () => {
    const tessera = client();
    await tessera.oauth.clientCredentials();
    gw.proxy.records.length = 0;
    const some = await list(tessera, 2).toArray({ limit: 3 });
    expect(some.map((i) => i.id)).toEqual(['obj_7', 'obj_6', 'obj_5']);
    expect(gw.proxy.to('GET', '/v1/things')).toHaveLength(2);
  });
});
