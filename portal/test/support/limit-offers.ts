import { desc, eq } from 'drizzle-orm';
import {
  creditDecisions,
  creditLineLimitOffers,
  creditLineStatements,
  creditLines,
} from '../../../gateway/src/db/schema';
import type { RunningGateway } from '../../../gateway/src/runtime/node';

const DAY_MS = 86_400_000;

/**
 * Limit offers for the take-up chart, written as the offer job would have (its rules are the
 * gateway's tests'): a line of the customer (on their newest credit decision), two statements,
 * and two fair-band, champion offers on it, one accepted and one pending.
 */
export async function writeLimitOffers(gw: RunningGateway, customerId: string): Promise<void> {
  const { db, ids } = gw.services;
  const [decision] = await db
    .select()
    .from(creditDecisions)
    .where(eq(creditDecisions.customerId, customerId))
    .orderBy(desc(creditDecisions.createdAt))
    .limit(1);
  if (!decision) throw new Error(`no credit decision for ${customerId}`);
  const decisionId = decision.id;
  const now = new Date();
  const lineId = ids.newId('cl');
  await db.insert(creditLines).values({
    id: lineId,
    appId: decision.appId,
    mode: 'sandbox',
    customerId: decision.customerId,
    consentId: ids.newId('csn'),
    decisionId,
    currency: 'USD',
    creditLimit: 500_000,
    apr: 0.2199,
    status: 'open',
    instantBoost: false,
    statementDay: 1,
    nextStatementAt: new Date(now.getTime() + 30 * DAY_MS),
    receivableAccountId: ids.newId('acct'),
    merchantAccountId: ids.newId('acct'),
    depositAccountId: ids.newId('acct'),
    customerAccountId: ids.newId('cap'),
    createdAt: now,
  });
  const statements = [0, 1].map((i) => ({
    id: ids.newId('stm'),
    lineId,
    periodStart: new Date(now.getTime() - (i + 2) * 30 * DAY_MS),
    periodEnd: new Date(now.getTime() - (i + 1) * 30 * DAY_MS),
    issuedAt: new Date(now.getTime() - (i + 1) * 30 * DAY_MS),
    currency: 'USD',
    openingBalance: 0,
    drawsTotal: 0,
    paymentsTotal: 0,
    refundsTotal: 0,
    interest: 0,
    statementBalance: 475_000,
    minimumPayment: 4_750,
    dueAt: new Date(now.getTime() - i * 30 * DAY_MS),
    status: 'open' as const,
    utilization: 0.95,
  }));
  await db.insert(creditLineStatements).values(statements);
  const offer = (i: number, status: 'accepted' | 'offered') => ({
    id: ids.newId('clo'),
    lineId,
    customerId: decision.customerId,
    statementId: statements[i]!.id,
    appId: decision.appId,
    mode: 'sandbox' as const,
    currency: 'USD',
    currentLimit: 500_000,
    offeredLimit: 700_000,
    status,
    scoreBand: 'fair',
    experimentArm: 'champion' as const,
    modelVersion: 'scorecard-2026.1',
    pd: 0.045,
    // The pending one was made today, so no run of the job expires it during the test.
    createdAt: status === 'offered' ? now : statements[i]!.issuedAt,
    expiresAt: new Date((status === 'offered' ? now : statements[i]!.issuedAt).getTime() + 7 * DAY_MS),
    answeredAt: status === 'offered' ? null : statements[i]!.issuedAt,
  });
  await db.insert(creditLineLimitOffers).values([offer(1, 'accepted'), offer(0, 'offered')]);
}
