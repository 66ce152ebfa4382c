import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { RESERVED_SEGMENTS } from './service/internal/reserved';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

describe('reserved path segments', () => {
  it('a published product cannot take the first segment of any built-in /v1 route', () => {
    const builtIn = new Set(
      gw.app.routes
        .map((r) => /^\/v1\/([^/:*]+)/.exec(r.path)?.[1])
        .filter((segment): segment is string => segment !== undefined),
    );
    expect([...builtIn].filter((segment) => !RESERVED_SEGMENTS.includes(segment)).sort()).toEqual([]);
  });
});
