import type { Database } from '../db/client';
import type { Clock } from '../platform/clock';
import { type IdGenerator, randomIds } from '../platform/context';
import type { Logger } from '../platform/logger';
import { payAutomaticPayouts, settleDuePayouts } from '../products/merchant';

/**
 * Payouts: first today's automatic ones (merchants who turned the daily schedule on), then those
 * whose arrival day has come are settled (paid, or failed back to the merchant).
 */
export async function settlePayouts(deps: {
  db: Database;
  clock: Clock;
  ids?: IdGenerator;
  logger?: Logger;
}) {
  const all = { ...deps, ids: deps.ids ?? randomIds };
  const automatic = await payAutomaticPayouts(all);
  return { ...(await settleDuePayouts(all)), automatic: automatic.created };
}
