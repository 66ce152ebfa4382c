import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeGateway } from './node';

const dir = mkdtempSync(join(tmpdir(), 'tessera-boot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Node runtime boot', () => {
  it('answers 503 service_unavailable problem+json with Retry-After, Request-Id and security headers until it has seeded', async () => {
    const during: Response[] = [];
    const gw = await startNodeGateway(
      { PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent', DOCS_URL: 'https://docs.bank.example' },
      {
        // The port is bound, the first-boot seed has not run: what a client sees then.
        listening: async (url) => {
          during.push(await fetch(`${url}/health`), await fetch(`${url}/v1/payments`, { method: 'POST' }));
        },
      },
    );
    try {
      for (const res of during) {
        expect(res.status).toBe(503);
        expect(res.headers.get('Content-Type')).toBe('application/problem+json');
        expect(res.headers.get('Retry-After')).toBe('1');
        expect(res.headers.get('Request-Id')).toMatch(/^req_/);
        expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
        expect(res.headers.get('Strict-Transport-Security')).toContain('max-age=');
        expect(res.headers.get('Cache-Control')).toBe('no-store');
        const problem = (await res.json()) as Record<string, unknown>;
        expect(problem).toMatchObject({
          status: 503,
          code: 'service_unavailable',
          type: 'https://docs.bank.example/errors/service_unavailable',
          request_id: res.headers.get('Request-Id'),
        });
      }
      const ready = await fetch(`${gw.url}/health`);
      expect(ready.status).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
