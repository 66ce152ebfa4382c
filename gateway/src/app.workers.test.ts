import { createRoute, z } from '@hono/zod-openapi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from './platform/errors';
import { newRouter } from './platform/http';
import { createD1Gateway, type D1TestGateway } from './testing/d1';

let gw: D1TestGateway;

// The whole app inside workerd over D1: what production on Workers runs, minus the entry.
beforeAll(async () => {
  // Seeding on D1 has its own suite (sandbox/seed/demo.workers.test.ts); these need no data.
  gw = await createD1Gateway({ seed: false });
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
          content: { 'application/json': { schema: z.object({ amount: z.number().int() }) } },
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
  gw.app.route('/v1/test', router);
});

function expectProblem(
  res: { status: number; headers: Headers; body: unknown },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  expect(res.headers.get('Request-Id')).toMatch(/^req_/);
  expect(res.body).toMatchObject({ status, code, request_id: res.headers.get('Request-Id') });
}

/** As a request arrives over HTTP: with Content-Length, which `new Request()` in-process lacks. */
async function wirePost(path: string, body: string, contentType: string) {
  const headers = {
    'Content-Type': contentType,
    'Content-Length': String(new TextEncoder().encode(body).length),
  };
  const res = await gw.app.fetch(
    new Request(`http://gateway.test${path}`, { method: 'POST', headers, body }),
  );
  return { status: res.status, headers: res.headers, body: (await res.json()) as Problem };
}

describe('gateway in workerd', () => {
  it('GET /health answers 200 with a Request-Id and the security headers', async () => {
    const res = await gw.client.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(res.headers.get('Request-Id')).toMatch(/^req_[0-9A-Za-z]{24}$/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Strict-Transport-Security')).toContain('max-age=');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('answers an unknown route with 404 problem+json', async () => {
    expectProblem(await gw.client.get('/v1/nothing-here'), 404, 'route_not_found');
  });

  it('answers malformed JSON on a /v1 POST with 400 malformed_json, not a 5xx', async () => {
    for (const body of ['{"amount":', 'not json', '{"a":1}}']) {
      expectProblem(await gw.client.post('/v1/test/echo', body), 400, 'malformed_json');
      expectProblem(await wirePost('/v1/test/echo', body, 'application/json'), 400, 'malformed_json');
      // The JSON middleware answers before routing, so even an unknown /v1 path is a 400 here.
      expectProblem(await wirePost('/v1/payments', body, 'application/json'), 400, 'malformed_json');
    }
  });

  it('answers a body that is not JSON with 415', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expectProblem(await gw.client.post('/v1/test/echo', 'amount=12', form), 415, 'unsupported_media_type');
    expectProblem(await wirePost('/v1/test/echo', '<a/>', 'text/xml'), 415, 'unsupported_media_type');
  });

  it('accepts valid JSON', async () => {
    expect((await gw.client.post('/v1/test/echo', { amount: 12 })).body).toEqual({ ok: true });
  });
});
