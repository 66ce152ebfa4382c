import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItem } from '../db/client';
import { createTestGateway, type TestGateway } from '../testing/harness';
import { DAY_MS, rfc3339 } from './clock';
import { ApiError } from './errors';
import {
  advanceSandboxClockStatements,
  freezeSandboxClockStatement,
  loadSandboxClock,
} from './sandbox-clock';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway({ start: '2026-11-22T10:00:00Z' });
});
afterAll(() => gw.close());

const run = (s: BatchItem) => gw.services.db.batch([s]);

describe('sandbox clocks', () => {
  it('start at real time and move only when advanced; concurrent advances add up', async () => {
    const { db } = gw.services;
    const id = gw.seed.sandboxId;
    expect(rfc3339((await loadSandboxClock(db, id, gw.clock)).now())).toBe('2026-11-22T10:00:00Z');
    const a = await advanceSandboxClockStatements(db, id, DAY_MS);
    const b = await advanceSandboxClockStatements(db, id, 2 * DAY_MS);
    await run(a.statement);
    await run(b.statement);
    expect(rfc3339((await loadSandboxClock(db, id, gw.clock)).now())).toBe('2026-11-25T10:00:00Z');
    gw.clock.advance(60_000);
    expect(rfc3339((await loadSandboxClock(db, id, gw.clock)).now())).toBe('2026-11-25T10:01:00Z');
  });

  it('can be frozen, and advancing a frozen clock moves the frozen instant', async () => {
    const { db } = gw.services;
    const id = gw.seed.sandboxId;
    await run(freezeSandboxClockStatement(db, id, new Date('2027-01-01T00:00:00Z')));
    gw.clock.advance(DAY_MS);
    expect(rfc3339((await loadSandboxClock(db, id, gw.clock)).now())).toBe('2027-01-01T00:00:00Z');
    await run((await advanceSandboxClockStatements(db, id, DAY_MS)).statement);
    expect(rfc3339((await loadSandboxClock(db, id, gw.clock)).now())).toBe('2027-01-02T00:00:00Z');
  });

  it('refuses an unknown sandbox and a non-positive advance', async () => {
    await expect(loadSandboxClock(gw.services.db, 'sbx_nope', gw.clock)).rejects.toBeInstanceOf(ApiError);
    await expect(advanceSandboxClockStatements(gw.services.db, gw.seed.sandboxId, 0)).rejects.toThrow();
  });
});
