import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../testing/harness';

const PORTAL = 'https://portal.bank.example';
let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ env: { PORTAL_ORIGIN: `${PORTAL}/docs/` } });
});
afterAll(() => gw.close());

const health = (init: RequestInit) => gw.app.fetch(new Request('http://127.0.0.1:8787/health', init));

describe('GET /health from a browser', () => {
  it('answers the configured PORTAL_ORIGIN with CORS headers, so the reference can try it', async () => {
    const pre = await health({
      method: 'OPTIONS',
      headers: { Origin: PORTAL, 'Access-Control-Request-Method': 'GET' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    expect(pre.headers.get('Access-Control-Allow-Methods')).toContain('GET');

    const res = await health({ headers: { Origin: PORTAL } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('Request-Id');
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('gives any other origin no CORS headers', async () => {
    const res = await health({ headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const pre = await health({
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
