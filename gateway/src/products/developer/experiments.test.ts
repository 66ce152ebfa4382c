import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditDecisions, customers, loanOffers } from '../../db/schema';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { type ArmTally, compareExperimentArms } from './service/internal/experiments';
import { signUp } from './test-support';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

describe('champion/challenger comparison', () => {
  it('computes approval rate and mean APR per arm, champion first', async () => {
    const tallies: ArmTally[] = [
      {
        mode: 'live',
        arm: 'challenger',
        strategyVersion: 'c-1',
        decisions: 3,
        approved: 2,
        meanApr: 0.18111,
      },
      { mode: 'live', arm: 'champion', strategyVersion: 'ch-1', decisions: 0, approved: 0, meanApr: null },
    ];
    const res = await compareExperimentArms({
      source: { armTallies: async () => tallies },
      input: { kind: 'loan_offer' },
    });
    expect(res.data).toEqual([
      expect.objectContaining({ arm: 'champion', decisions: 0, approval_rate: null, mean_apr: null }),
      expect.objectContaining({ arm: 'challenger', decisions: 3, approval_rate: 0.6667, mean_apr: 0.1811 }),
    ]);
  });

  it('is for bank staff only', async () => {
    const dev = await signUp(gw);
    const res = await gw.client.get<{ code: string }>('/v1/developer/admin/experiments', dev.session);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('bank_staff_only');
  });

  it('reads the credit decisions the loans product stores, per mode, arm and strategy version', async () => {
    const staff = await signUp(gw, { role: 'bank_staff' });
    const [customer] = await gw.services.db.select({ id: customers.id }).from(customers).limit(1);
    const now = gw.clock.now();
    const decision = (id: string, arm: 'champion' | 'challenger', outcome: 'approved' | 'declined') => ({
      id,
      kind: 'loan_offer' as const,
      channel: 'api' as const,
      appId: gw.seed.appId,
      mode: 'sandbox' as const,
      customerId: customer!.id,
      product: 'checkout_credit' as const,
      amount: 50_000,
      currency: 'USD',
      outcome,
      reasons: [{ code: outcome === 'approved' ? 'score_ok' : 'credit_risk', text: '' }],
      limitAmount: 100_000,
      strategyVersion: arm === 'champion' ? 'checkout-2026.1' : 'checkout-2026.1-c',
      experimentArm: arm,
      monthlyIncome: 500_000,
      monthlyObligations: 50_000,
      outstandingCredit: 0,
      createdAt: now,
    });
    const offer = (id: string, decisionId: string, apr: number) => ({
      id,
      decisionId,
      appId: gw.seed.appId,
      mode: 'sandbox' as const,
      customerId: customer!.id,
      plan: 'installments_3' as const,
      amount: 50_000,
      currency: 'USD',
      apr,
      financeCharge: 0,
      totalOfPayments: 50_000,
      schedule: [],
      createdAt: now,
      expiresAt: now,
    });
    await gw.services.db
      .insert(creditDecisions)
      .values([
        decision('los_a0000000', 'champion', 'approved'),
        decision('los_b0000000', 'champion', 'approved'),
        decision('los_c0000000', 'champion', 'declined'),
        decision('los_d0000000', 'challenger', 'approved'),
      ]);
    await gw.services.db
      .insert(loanOffers)
      .values([
        offer('lof_a0000000', 'los_a0000000', 0.0999),
        offer('lof_b0000000', 'los_a0000000', 0.1499),
        offer('lof_c0000000', 'los_b0000000', 0.0999),
        offer('lof_d0000000', 'los_d0000000', 0.2199),
      ]);
    const res = await gw.client.get<{ data: Record<string, unknown>[] }>(
      '/v1/developer/admin/experiments?mode=sandbox',
      staff.session,
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      {
        object: 'experiment_arm',
        mode: 'sandbox',
        arm: 'champion',
        strategy_version: 'checkout-2026.1',
        decisions: 3,
        approved: 2,
        approval_rate: 0.6667,
        mean_apr: 0.1166,
      },
      {
        object: 'experiment_arm',
        mode: 'sandbox',
        arm: 'challenger',
        strategy_version: 'checkout-2026.1-c',
        decisions: 1,
        approved: 1,
        approval_rate: 1,
        mean_apr: 0.2199,
      },
    ]);
    const live = await gw.client.get<{ data: unknown[] }>(
      '/v1/developer/admin/experiments?mode=live',
      staff.session,
    );
    expect(live.body.data).toEqual([]);
  });
});
