import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { apps, payoutAccounts, payouts } from '../../../db/schema';
import { isBusinessDay, utcDate } from '../../../platform/business-days';
import type { Clock } from '../../../platform/clock';
import { commitWrites } from '../../../platform/commit';
import { type IdGenerator, randomIds, type ServiceContext } from '../../../platform/context';
import { errorChainIncludes, isOverdraftError } from '../../../platform/ledger';
import type { Logger } from '../../../platform/logger';
import { silentLogger } from '../../../platform/logger';
import { balancesOf, merchantOf } from './internal/merchant';
import { payoutDestination } from './internal/payout-accounts';
import { payoutWrites } from './internal/payout-writes';

/**
 * Automatic daily payouts (DOMAIN.md "Merchant money": a setting): on each business day of a
 * merchant's business clock, one payout of its whole available balance. At most one per
 * (merchant, day) however often or concurrently this runs: the unique index on
 * (app, automatic_for) refuses a second, and a manual payout that took the money first makes the
 * payout's available-balance CHECK refuse it; either way nothing is written.
 */
export async function payAutomaticPayouts(deps: {
  db: Database;
  clock: Clock;
  ids?: IdGenerator;
  logger?: Logger;
}): Promise<{ created: number }> {
  const { db } = deps;
  const ids = deps.ids ?? randomIds;
  const logger = deps.logger ?? silentLogger;
  const due = await db
    .select({
      id: apps.id,
      mode: apps.mode,
      sandboxId: apps.sandboxId,
      merchantAccountId: apps.merchantAccountId,
    })
    .from(payoutAccounts)
    .innerJoin(apps, eq(apps.id, payoutAccounts.appId))
    .where(
      and(eq(payoutAccounts.automatic, true), eq(apps.status, 'active'), eq(apps.mode, payoutAccounts.mode)),
    );
  let created = 0;
  for (const app of due) {
    const ctx: ServiceContext = {
      db,
      clock: deps.clock,
      ids,
      logger,
      requestId: ids.newId('req'),
      mode: app.mode,
      app,
      customer: null,
      consent: null,
      idempotency: null,
    };
    try {
      const m = await merchantOf(ctx);
      const now = m.clock.now();
      if (!isBusinessDay(now)) continue;
      const day = utcDate(now);
      const [done] = await db
        .select({ id: payouts.id })
        .from(payouts)
        .where(and(eq(payouts.appId, app.id), eq(payouts.automaticFor, day)));
      if (done) continue;
      const { available } = await balancesOf(db, m, now);
      if (available <= 0) continue;
      const destination = await payoutDestination(db, app);
      const { writes } = await payoutWrites(ctx, m, destination, {
        amount: available,
        description: `Automatic payout for ${day}`,
        automaticFor: day,
      });
      await commitWrites(db, writes);
      created += 1;
    } catch (err) {
      const lostRace =
        errorChainIncludes(err, 'payouts.app_id, payouts.automatic_for') ||
        errorChainIncludes(err, 'payouts_within_available') ||
        isOverdraftError(err);
      if (!lostRace) logger.error('automatic payout failed', { app: app.id, error: String(err) });
    }
  }
  return { created };
}
