import { and, avg, count, eq, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { creditDecisions, loanOffers } from '../../../../db/schema';
import type { Mode } from '../../../../platform/context';

export interface ExperimentFilter {
  mode?: Mode | undefined;
  product?: 'checkout_credit' | 'credit_line' | undefined;
  kind: 'loan_offer' | 'prequalification';
  from?: Date | undefined;
  to?: Date | undefined;
}

/** One arm's raw tallies, as a source of decisions reports them. */
export interface ArmTally {
  mode: Mode;
  arm: 'champion' | 'challenger';
  strategyVersion: string;
  decisions: number;
  approved: number;
  /** Mean APR (decimal fraction) over the offers of approved decisions; null with none. */
  meanApr: number | null;
}

/** Where champion/challenger tallies come from: the credit decisions the loans product stores. */
export interface DecisionSource {
  armTallies(filter: ExperimentFilter): Promise<ArmTally[]>;
}

/** Tallies over `credit_decisions` and the `loan_offers` of the approved ones, in two grouped queries. */
export function databaseDecisionSource(db: Database): DecisionSource {
  return {
    async armTallies(filter) {
      const where = and(
        eq(creditDecisions.kind, filter.kind),
        filter.mode ? eq(creditDecisions.mode, filter.mode) : undefined,
        filter.product ? eq(creditDecisions.product, filter.product) : undefined,
        filter.from ? gte(creditDecisions.createdAt, filter.from) : undefined,
        filter.to ? lte(creditDecisions.createdAt, filter.to) : undefined,
      );
      const group = [
        creditDecisions.mode,
        creditDecisions.experimentArm,
        creditDecisions.strategyVersion,
      ] as const;
      const decided = await db
        .select({
          mode: creditDecisions.mode,
          arm: creditDecisions.experimentArm,
          strategyVersion: creditDecisions.strategyVersion,
          decisions: count(),
          approved: sql<number>`coalesce(sum(case when ${creditDecisions.outcome} = 'approved' then 1 else 0 end), 0)`,
        })
        .from(creditDecisions)
        .where(where)
        .groupBy(...group);
      const aprs = await db
        .select({
          mode: creditDecisions.mode,
          arm: creditDecisions.experimentArm,
          strategyVersion: creditDecisions.strategyVersion,
          meanApr: avg(loanOffers.apr),
        })
        .from(loanOffers)
        .innerJoin(creditDecisions, eq(creditDecisions.id, loanOffers.decisionId))
        .where(and(where, eq(creditDecisions.outcome, 'approved')))
        .groupBy(...group);
      const key = (r: { mode: string; arm: string; strategyVersion: string }) =>
        `${r.mode}|${r.arm}|${r.strategyVersion}`;
      const meanAprs = new Map(aprs.map((r) => [key(r), r.meanApr === null ? null : Number(r.meanApr)]));
      return decided.map((r) => ({
        mode: r.mode,
        arm: r.arm,
        strategyVersion: r.strategyVersion,
        decisions: r.decisions,
        approved: Number(r.approved),
        meanApr: meanAprs.get(key(r)) ?? null,
      }));
    },
  };
}

export interface ExperimentArmObject {
  object: 'experiment_arm';
  mode: Mode;
  arm: 'champion' | 'challenger';
  strategy_version: string;
  decisions: number;
  approved: number;
  approval_rate: number | null;
  mean_apr: number | null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Champion/challenger results for bank staff: per arm (and strategy version, and mode), how many
 * decisions, the share approved, and the mean APR of the offers approved decisions made.
 */
export async function compareExperimentArms({
  source,
  input,
}: {
  source: DecisionSource;
  input: ExperimentFilter;
}): Promise<{ object: 'experiment_comparison'; kind: string; data: ExperimentArmObject[] }> {
  const tallies = await source.armTallies(input);
  const order = (t: ArmTally) => `${t.mode}|${t.arm === 'champion' ? 0 : 1}|${t.strategyVersion}`;
  return {
    object: 'experiment_comparison',
    kind: input.kind,
    data: tallies
      .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
      .map((t) => ({
        object: 'experiment_arm',
        mode: t.mode,
        arm: t.arm,
        strategy_version: t.strategyVersion,
        decisions: t.decisions,
        approved: t.approved,
        approval_rate: t.decisions > 0 ? round4(t.approved / t.decisions) : null,
        mean_apr: t.meanApr === null ? null : round4(t.meanApr),
      })),
  };
}
