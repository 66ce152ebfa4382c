import { beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from './platform/errors';
import { type D1TestGateway, createD1Gateway } from './testing/d1';

// The whole app inside workerd over D1: what production on Workers runs, minus the entry.
describe('gateway in workerd', () => {
  let gw: D1TestGateway;
  beforeAll(async () => {
    gw = await createD1Gateway();
  });

  it('GET /health answers 200 with a Request-Id and the security headers', async () => {
    const res = await gw.client.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(res.headers.get('Request-Id')).toMatch(/^req_/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Strict-Transport-Security')).toContain('max-age=');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await gw.client.get<Problem>('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(res.body.code).toBe('route_not_found');
    expect(res.body.request_id).toBe(res.headers.get('Request-Id'));
  });

  it('answers malformed JSON on a /v1 POST with 400 malformed_json', async () => {
    const res = await gw.client.post<Problem>('/v1/payments', '{"amount": 12', { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(res.body.code).toBe('malformed_json');
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await gw.client.post<Problem>('/v1/payments', 'amount=12', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported_media_type');
  });

  it('seeded the sandbox on D1', () => {
    expect(gw.seed.customers.map((c) => c.login)).toEqual(['ava', 'ben', 'cam', 'dee', 'eli', 'fay', 'gus', 'hal']);
    expect(gw.seed.clientSecret).toMatch(/^sk_sandbox_/);
  });
});
