import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { apps, creditLineLimitOffers, creditLines } from '../../../db/schema';
import type { Clock } from '../../../platform/clock';
import { businessClock } from '../../../platform/sandbox-clock';
import type { CreditLine } from './internal/objects';
import { type LimitOffer, type LimitOfferStatus, statusAt } from './internal/offer-objects';

export interface OfferForPage {
  offer: LimitOffer;
  line: CreditLine;
  app: { name: string; redirectUris: string[] };
  now: Date;
  status: LimitOfferStatus;
}

/**
 * What the bank's offer page needs before anyone signs in: the offer's world (whose customers may
 * sign in there), the app whose registered redirect URIs the customer may return to, and the
 * status as of the world's business time. Whose offer it is, is checked after sign-in.
 */
export async function offerForPage(
  deps: { db: Database; clock: Clock },
  offerId: string,
): Promise<OfferForPage | null> {
  const [row] = await deps.db
    .select({
      offer: creditLineLimitOffers,
      line: creditLines,
      app: { name: apps.name, redirectUris: apps.redirectUris },
    })
    .from(creditLineLimitOffers)
    .innerJoin(creditLines, eq(creditLines.id, creditLineLimitOffers.lineId))
    .innerJoin(apps, eq(apps.id, creditLineLimitOffers.appId))
    .where(eq(creditLineLimitOffers.id, offerId));
  if (!row) return null;
  const now = (await businessClock({ db: deps.db, clock: deps.clock, app: row.line })).now();
  return { ...row, now, status: statusAt(row.offer, now) };
}

/**
 * Where the customer goes back to: the redirect URI the partner named, when it is exactly one of
 * the app's registered ones, else null (never an open redirect); the first registered when none
 * was named.
 */
export function returnUriFor(app: { redirectUris: string[] }, asked: string | undefined): string | null {
  if (asked === undefined || asked === '') return app.redirectUris[0] ?? null;
  return app.redirectUris.includes(asked) ? asked : null;
}

export function withResult(uri: string, offerId: string, result: 'accepted' | 'declined'): string {
  const url = new URL(uri);
  url.searchParams.set('limit_offer', offerId);
  url.searchParams.set('result', result);
  return url.toString();
}
