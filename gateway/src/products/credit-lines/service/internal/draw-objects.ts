import { inArray } from 'drizzle-orm';
import { creditDecisions } from '../../../../db/schema';
import type { ServiceContext } from '../../../../platform/context';
import { type CreditLineDraw, type CreditLineDrawObject, drawObject } from './objects';

/** Draws with the versions of the decisions behind them (one read for a page). */
export async function withDecisions(
  ctx: ServiceContext,
  draws: CreditLineDraw[],
): Promise<CreditLineDrawObject[]> {
  if (draws.length === 0) return [];
  const decisions = await ctx.db
    .select({
      id: creditDecisions.id,
      modelVersion: creditDecisions.modelVersion,
      strategyVersion: creditDecisions.strategyVersion,
      experimentArm: creditDecisions.experimentArm,
    })
    .from(creditDecisions)
    .where(
      inArray(
        creditDecisions.id,
        draws.map((d) => d.decisionId),
      ),
    );
  return draws.map((d) => drawObject(d, decisions.find((x) => x.id === d.decisionId)!));
}
