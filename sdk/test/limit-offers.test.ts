import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditLineStatements, creditLines } from '../../gateway/src/db/schema/index.ts';
import { systemClock } from '../../gateway/src/platform/clock.ts';
import { loadSandboxClock } from '../../gateway/src/platform/sandbox-clock.ts';
import { type LimitOffer, Tessera } from '../src/index.ts';
import { startGateway, type TestGateway } from './gateway.ts';

/**
 * A credit line's limit offer through the SDK, against a real gateway: fay opens a line (the
 * sandbox shortcut), a statement at 95% utilization is issued (written here: statements are the
 * statement job's), the sandbox clock moves a day and runs the offer job, and the session lists
 * the pending offer with the link to the bank's page.
 */
let gw: TestGateway;
let tessera: Tessera;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  gw = await startGateway();
  tessera = new Tessera({
    baseUrl: gw.url,
    clientId: gw.demo.clientId,
    clientSecret: gw.demo.clientSecret,
    redirectUri: gw.demo.redirectUri,
  });
});
afterAll(() => gw?.close());

async function issueStatement(lineId: string, utilization: number): Promise<void> {
  const { db, ids } = gw.gateway.services;
  const [line] = await db.select().from(creditLines).where(eq(creditLines.id, lineId));
  const now = (await loadSandboxClock(db, line!.sandboxId!, systemClock)).now();
  const balance = Math.round(line!.creditLimit * utilization);
  await db.insert(creditLineStatements).values({
    id: ids.newId('stm'),
    lineId,
    periodStart: new Date(now.getTime() - 30 * DAY_MS),
    periodEnd: now,
    issuedAt: now,
    currency: 'USD',
    openingBalance: 0,
    drawsTotal: 0,
    paymentsTotal: 0,
    refundsTotal: 0,
    interest: 0,
    statementBalance: balance,
    minimumPayment: 2_500,
    dueAt: new Date(now.getTime() + 25 * DAY_MS),
    status: 'open',
    utilization,
  });
}

describe('creditLines.limitOffers', () => {
  it('lists the pending offer of fay’s line (95% utilization), with its accept_url on the bank’s pages', async () => {
    const session = await tessera.sandbox.authorize('fay', {
      scope: 'credit_lines:read',
      authorizationDetails: [
        { type: 'credit_line', max_draw_amount: { amount: 50_000, currency: 'USD' }, instant_boost: false },
      ],
    });
    const lines = await session.request('get', '/v1/credit-lines');
    const line = lines.data[0]!;
    expect(await session.creditLines.limitOffers.list(line.id).then((p) => p.data)).toEqual([]);

    await issueStatement(line.id, 0.95);
    await tessera.sandbox.advanceClock({ days: 1 });

    const offers: LimitOffer[] = [];
    for await (const offer of session.creditLines.limitOffers.list(line.id, { status: 'offered' }))
      offers.push(offer);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({
      object: 'limit_offer',
      credit_line: line.id,
      status: 'offered',
      current_limit: line.credit_limit,
      apr: line.apr,
      accept_url: `${gw.url}/account/limit-offers/${offers[0]!.id}`,
    });
    expect(offers[0]!.offered_limit.amount).toBeGreaterThan(line.credit_limit.amount);
  });
});
