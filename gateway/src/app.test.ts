import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type Problem } from './platform/errors';
import { newRouter } from './platform/http';
import { createTestGateway, type TestGateway } from './testing/harness';

let gw: TestGateway;
const logged: string[] = [];

beforeAll(async () => {
  gw = await createTestGateway({ env: { MAX_BODY_BYTES: '2048', DOCS_URL: 'https://docs.bank.example' } });
  gw.services.logger.error = (msg, fields) => logged.push(`${msg} ${JSON.stringify(fields)}`);
  // Routes that fail in each way a product route can, to see what reaches the wire.
  const router = newRouter();
  router.openapi(
    createRoute({
      method: 'post',
      path: '/echo',
      operationId: 'createEcho',
      tags: ['Test'],
      summary: 'echo',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                amount: z.object({ amount: z.number().int(), currency: z.string().length(3) }),
              }),
            },
          },
        },
      },
      responses: {
        200: {
          description: 'ok',
          content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } },
        },
      },
    }),
    (c) => c.json({ ok: true }, 200),
  );
  router.get('/boom', () => {
    throw new Error('SQLITE_ERROR: no such column secret_internal_name');
  });
  router.get('/teapot', () => {
    throw new ApiError('not_found', { detail: 'No such payment.' });
  });
  gw.app.route('/v1/test', router);
});
afterAll(() => gw.close());

function expectProblem(
  res: { status: number; headers: Headers; body: unknown },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  expect(res.headers.get('Request-Id')).toMatch(/^req_/);
  const p = res.body as Problem;
  expect(p).toMatchObject({ status, code, type: `https://docs.bank.example/errors/${code}` });
  expect(p.title).toBeTruthy();
  expect(p.detail).toBeTruthy();
  expect(p.request_id).toBe(res.headers.get('Request-Id'));
}

describe('every response', () => {
  it('carries Request-Id and the security headers', async () => {
    const res = await gw.client.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok', version: '0.1.0' });
    expect(res.headers.get('Request-Id')).toMatch(/^req_[0-9A-Za-z]{24}$/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Strict-Transport-Security')).toContain('max-age=');
  });

  it('echoes a valid X-Request-Id and replaces an invalid one', async () => {
    expect(
      (await gw.client.get('/health', { 'X-Request-Id': 'trace-123.abc' })).headers.get('Request-Id'),
    ).toBe('trace-123.abc');
    const bad = await gw.client.get('/health', { 'X-Request-Id': 'bad id <script>' });
    expect(bad.headers.get('Request-Id')).toMatch(/^req_/);
  });
});

describe('errors are problem+json, never a 5xx for bad input', () => {
  it('unknown route: 404 route_not_found', async () => {
    expectProblem(await gw.client.get('/v1/nothing-here'), 404, 'route_not_found');
    expectProblem(await gw.client.get('/'), 404, 'route_not_found');
  });

  it('wrong method: 405 with Allow', async () => {
    const res = await gw.client.request('DELETE', '/health');
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.get('Allow')).toBe('GET, HEAD');
    expectProblem(await gw.client.get('/v1/test/echo'), 405, 'method_not_allowed');
  });

  it('malformed JSON: 400 malformed_json', async () => {
    for (const body of ['{"amount":', 'not json', '{"a":1}}', '\u0000']) {
      expectProblem(await gw.client.post('/v1/test/echo', body), 400, 'malformed_json');
    }
  });

  it('wrong content type: 415', async () => {
    const res = await gw.client.post('/v1/test/echo', 'amount=1', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expectProblem(res, 415, 'unsupported_media_type');
    expectProblem(
      await gw.client.post('/v1/test/echo', '<a/>', { 'Content-Type': 'text/xml' }),
      415,
      'unsupported_media_type',
    );
  });

  it('oversized body: 413', async () => {
    expectProblem(await gw.client.post('/v1/test/echo', { pad: 'x'.repeat(5000) }), 413, 'payload_too_large');
  });

  it('validation: 400 invalid_request with a path per field', async () => {
    const res = await gw.client.post('/v1/test/echo', { amount: { amount: 1.5, currency: 'US' } });
    expectProblem(res, 400, 'invalid_request');
    const paths = (res.body as Problem).errors?.map((e) => e.path).sort();
    expect(paths).toEqual(['amount.amount', 'amount.currency']);
    expectProblem(await gw.client.post('/v1/test/echo', [1, 2]), 400, 'invalid_request');
    expectProblem(await gw.client.post('/v1/test/echo', 'null'), 400, 'invalid_request');
  });

  it('thrown ApiError keeps its code and detail', async () => {
    const res = await gw.client.get('/v1/test/teapot');
    expectProblem(res, 404, 'not_found');
    expect((res.body as Problem).detail).toBe('No such payment.');
  });

  it('an unexpected exception is 500 internal_error without its message, and is logged with the request id', async () => {
    const res = await gw.client.get('/v1/test/boom');
    expectProblem(res, 500, 'internal_error');
    expect(res.text).not.toContain('SQLITE');
    expect(res.text).not.toContain('secret_internal_name');
    expect(
      logged.some((l) => l.includes(res.headers.get('Request-Id')!) && l.includes('secret_internal_name')),
    ).toBe(true);
  });

  it('garbage of many shapes never produces a 5xx', async () => {
    const attempts = [
      gw.client.request('PATCH', '/v1/test/echo', { body: '{{{{' }),
      gw.client.request('PUT', '/health', { body: '{}' }),
      gw.client.post('/v1/test/echo', '', { 'Content-Type': 'application/json' }),
      gw.client.post('/v1/test/echo', '{"amount":{"amount":"1","currency":"USD"}}'),
      gw.client.get('/v1/%E0%A4%A'),
      gw.client.get(`/v1/${'a'.repeat(5000)}`),
      gw.client.request('OPTIONS', '/v1/test/echo'),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    }
  });
});

describe('OpenAPI', () => {
  it('serves the document at /openapi.json', async () => {
    const res = await gw.client.get<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths).toHaveProperty('/health');
  });
});
