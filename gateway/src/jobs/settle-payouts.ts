import type { Database } from '../db/client';
import type { Clock } from '../platform/clock';
import { type IdGenerator, randomIds } from '../platform/context';
import type { Logger } from '../platform/logger';
import { settleDuePayouts } from '../products/merchant';

/** Payouts arrive the next business day: settles those due (paid, or failed back to the merchant). */
export function settlePayouts(deps: { db: Database; clock: Clock; ids?: IdGenerator; logger?: Logger }) {
  return settleDuePayouts({ ...deps, ids: deps.ids ?? randomIds });
}
