import type { Bank } from './bank.ts';
import { endedBy, endLink } from './link-state.ts';
import type { Rider } from './store.ts';

/**
 * The line's pending limit offers, read with the rider's session (scope `credit_lines:read`, which
 * the app's own client-credentials token never holds), so the app shows them whenever the rider
 * opens it. `accept_url` is the bank's page: the rider signs
 * in there and accepts or declines; `redirect_uri` (registered for this app) brings them back.
 */
export async function pendingOffers(bank: Bank, rider: Rider, appUrl: string) {
  const link = rider.link;
  if (link?.status !== 'active' || !link.lineId) return [];
  const { data } = await bank.session(link).creditLines.limitOffers.list(link.lineId, { status: 'offered' });
  const back = encodeURIComponent(`${appUrl}/limit-offers/return`);
  return data
    .filter((o) => o.accept_url)
    .map((o) => ({
      id: o.id,
      current_limit: o.current_limit,
      offered_limit: o.offered_limit,
      apr: o.apr,
      expires_at: o.expires_at,
      accept_url: `${o.accept_url}${o.accept_url!.includes('?') ? '&' : '?'}redirect_uri=${back}`,
    }));
}

/**
 * What the rider's app shows: the link, the line as the bank has it now, and offers. A read the
 * bank refuses because the rider revoked the link marks it so, and the rider reads why.
 */
export async function riderView(bank: Bank, rider: Rider, appUrl: string) {
  try {
    return await viewOf(bank, rider, appUrl);
  } catch (err) {
    const ended = endedBy(err);
    if (!ended) throw err;
    endLink(rider, ended);
    return viewOf(bank, rider, appUrl);
  }
}

async function viewOf(bank: Bank, rider: Rider, appUrl: string) {
  const link = rider.link;
  const line =
    link?.lineId && link.status === 'active'
      ? await bank.session(link).creditLines.retrieve(link.lineId)
      : null;
  return {
    id: rider.id,
    name: rider.name,
    link: link && {
      status: link.status,
      consent: link.consentId,
      linked_at: link.linkedAt,
      ended_at: link.endedAt,
      message: link.message,
    },
    credit_line: line && {
      id: line.id,
      status: line.status,
      credit_limit: line.credit_limit,
      available: line.available,
      balance: line.balance,
      instant_boost: line.instant_boost,
    },
    limit_offers: await pendingOffers(bank, rider, appUrl),
  };
}
