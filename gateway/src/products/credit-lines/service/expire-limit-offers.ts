import { and, eq, lte } from 'drizzle-orm';
import { creditLineLimitOffers, creditLines } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { eventStatement } from '../../../platform/outbox';
import { inWorld, jobContext, type OfferJobDeps, offerWorlds } from './internal/offer-job';
import { offerObject } from './internal/offer-objects';
import { isStaleOfferError, offerAnswerStatement } from './internal/offer-writes';

/**
 * Offers left unanswered for 7 days (business time) become `expired`, each in its own batch with
 * `limit_offer.expired` and its audit row. The expiry instant is the offer's `expires_at`, not the
 * run's time, so the 30-day quiet period after it does not depend on when the job ran.
 */
export async function expireLimitOffers(deps: OfferJobDeps): Promise<{ expired: number }> {
  let expired = 0;
  for (const world of await offerWorlds(deps)) {
    const due = await deps.db
      .select({ offer: creditLineLimitOffers, apr: creditLines.apr })
      .from(creditLineLimitOffers)
      .innerJoin(creditLines, eq(creditLines.id, creditLineLimitOffers.lineId))
      .where(
        and(
          inWorld(creditLines, world),
          eq(creditLineLimitOffers.status, 'offered'),
          lte(creditLineLimitOffers.expiresAt, world.now),
        ),
      )
      .limit(500);
    for (const { offer, apr } of due) {
      const ctx = jobContext(deps);
      const done = { ...offer, status: 'expired' as const, answeredAt: offer.expiresAt };
      try {
        await deps.db.batch([
          offerAnswerStatement(deps.db, offer, 'expired', offer.expiresAt),
          eventStatement(ctx, {
            appId: offer.appId,
            mode: offer.mode,
            type: 'limit_offer.expired',
            object: offerObject(done, { apr, now: world.now, publicUrl: deps.publicUrl }),
          }).statement,
          auditStatement(ctx, {
            actorType: 'system',
            actorId: null,
            action: 'limit_offer.expire',
            targetType: 'limit_offer',
            targetId: offer.id,
            details: { credit_line: offer.lineId, expires_at: offer.expiresAt.toISOString() },
          }),
        ]);
        expired += 1;
      } catch (err) {
        // The customer answered it in the meantime: their answer stands.
        if (!isStaleOfferError(err)) throw err;
      }
    }
  }
  return { expired };
}
