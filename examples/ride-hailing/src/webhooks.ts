import { type Tessera, WebhookVerificationError } from '@tessera/sdk';
import { endLink } from './link-state.ts';
import type { Store } from './store.ts';

export const WEBHOOK_PATH = '/webhooks/tessera';
const EVENTS = ['consent.revoked', 'limit_offer.created'] as const;

/**
 * The signing secret to verify deliveries with: the one configured, or else a new endpoint for
 * this app's URL, replacing the ones earlier runs left there (their secrets died with them).
 */
export async function webhookSecret(tessera: Tessera, appUrl: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const url = `${appUrl}${WEBHOOK_PATH}`;
  const stale = (await tessera.webhookEndpoints.list({ limit: 100 }).toArray({ limit: 1_000 })).filter(
    (e) => e.url === url,
  );
  for (const endpoint of stale) await tessera.webhookEndpoints.delete(endpoint.id);
  const endpoint = await tessera.webhookEndpoints.create({
    url,
    enabled_events: [...EVENTS],
    description: 'Ride-hailing example',
  });
  return endpoint.secret;
}

/**
 * A delivery, verified (Standard Webhooks, the raw body) before anything is read. `consent.revoked`
 * marks the rider's link revoked before any ride has to find out by a refused payment; a pending
 * limit offer is read from the bank when the rider opens the app, so `limit_offer.created` is only
 * counted here (a real app would send the rider a notification).
 */
export async function receiveWebhook(
  request: Request,
  deps: { tessera: Tessera; secret: string; store: Store },
): Promise<Response> {
  const body = await request.text();
  let event: Awaited<ReturnType<Tessera['webhooks']['verify']>>;
  try {
    event = await deps.tessera.webhooks.verify(body, request.headers, deps.secret);
  } catch (err) {
    if (err instanceof WebhookVerificationError) return new Response(`${err.code}\n`, { status: 400 });
    throw err;
  }
  if (event.type === 'consent.revoked') {
    const rider = deps.store.riderByConsent(event.data.object.id);
    if (rider) endLink(rider, 'revoked');
  }
  if (event.type === 'limit_offer.created') deps.store.offerNotices.add(event.data.object.id);
  return new Response(null, { status: 204 });
}
