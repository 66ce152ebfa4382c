import type { z } from '@hono/zod-openapi';
import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { creditLineLimitOffers } from '../../../db/schema';
import type { TakeUpQuery, TakeUpRowSchema } from '../offer-schemas';

type TakeUpRow = z.output<typeof TakeUpRowSchema>;
type Band = TakeUpRow['score_band'];

const BANDS: readonly Band[] = ['poor', 'fair', 'good', 'very_good', 'exceptional'];

/**
 * Take-up for the bank (DOMAIN.md "Credit lines" → Limit offers): per mode, score band and
 * experiment arm, how many offers were made in the period and how they were answered. take_up =
 * accepted / offered; an offer still pending counts as offered and not (yet) taken up. The period
 * is on the offers' own creation time (business time of their world), as stored by the job.
 */
export async function getLimitOfferTakeUp({
  db,
  input,
}: {
  db: Database;
  input: z.output<typeof TakeUpQuery>;
}): Promise<{ object: 'limit_offer_take_up_report'; data: TakeUpRow[] }> {
  const t = creditLineLimitOffers;
  const n = (status: string) => sql<number>`SUM(CASE WHEN ${t.status} = ${status} THEN 1 ELSE 0 END)`;
  const rows = await db
    .select({
      mode: t.mode,
      band: t.scoreBand,
      arm: t.experimentArm,
      offered: count(),
      accepted: n('accepted'),
      declined: n('declined'),
      expired: n('expired'),
      pending: n('offered'),
    })
    .from(t)
    .where(
      and(
        input.mode ? eq(t.mode, input.mode) : undefined,
        input.from ? gte(t.createdAt, new Date(input.from)) : undefined,
        input.to ? lt(t.createdAt, new Date(input.to)) : undefined,
      ),
    )
    .groupBy(t.mode, t.scoreBand, t.experimentArm);
  const data = rows
    .map(
      (r): TakeUpRow => ({
        object: 'limit_offer_take_up',
        mode: r.mode,
        score_band: r.band as Band,
        experiment_arm: r.arm,
        offered: r.offered,
        accepted: Number(r.accepted),
        declined: Number(r.declined),
        expired: Number(r.expired),
        pending: Number(r.pending),
        take_up: r.offered === 0 ? null : Math.round((Number(r.accepted) / r.offered) * 10_000) / 10_000,
      }),
    )
    .sort(
      (a, b) =>
        a.mode.localeCompare(b.mode) ||
        BANDS.indexOf(a.score_band) - BANDS.indexOf(b.score_band) ||
        a.experiment_arm.localeCompare(b.experiment_arm),
    );
  return { object: 'limit_offer_take_up_report', data };
}
