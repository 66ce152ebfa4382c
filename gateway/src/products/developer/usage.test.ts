import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type AppBody, createApp, type Problem, type SignedIn, signUp } from './test-support';

let gw: TestGateway;
let dev: SignedIn;
let app: AppBody;

beforeAll(async () => {
  gw = await createTestGateway();
  dev = await signUp(gw, { email: 'usage@shop.example' });
  app = (await createApp(gw, dev.session, { products: ['payments'] })).body;
});
afterAll(() => gw.close());

const usage = (query: string) =>
  gw.client.get<Problem & { from: string; to: string }>(
    `/v1/developer/apps/${app.id}/usage?${query}`,
    dev.session,
  );

describe('GET /v1/developer/apps/{id}/usage dates', () => {
  it('refuses a from or to that is not a calendar date (2026-02-31, 9999-99-99) with 400 invalid_request', async () => {
    for (const query of ['from=2026-02-31', 'to=9999-99-99', 'from=2026-13-01', 'to=2026-11-1']) {
      const res = await usage(query);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe('invalid_request');
      expect(res.text).not.toContain(query.split('=')[1]);
    }
  });

  it('refuses a to before from with 400 invalid_request', async () => {
    const res = await usage('from=2026-11-30&to=2026-11-01');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.path).toBe('to');
  });

  it('answers a real calendar range, leap day included, and echoes it', async () => {
    const res = await usage('from=2028-02-29&to=2028-03-01');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ from: '2028-02-29', to: '2028-03-01' });
  });
});

describe('list cursors', () => {
  it('refuses starting_after and ending_before together with 400 invalid_request', async () => {
    const res = await gw.client.get<Problem>(
      `/v1/developer/apps?starting_after=${app.id}&ending_before=${app.id}`,
      dev.session,
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    expect(res.body.errors?.[0]?.path).toBe('ending_before');
  });
});
