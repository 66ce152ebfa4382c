import { type Tessera, WebhookVerificationError } from '@tessera/sdk';
import { applyLoan } from './loans.ts';
import type { Store } from './store.ts';

export const WEBHOOK_PATH = '/webhooks/tessera';
const EVENTS = ['loan.created', 'loan.refunded', 'loan.paid_off'] as const;

/**
 * The signing secret to verify deliveries with: the one configured (an endpoint you registered in
 * the console), or else a new endpoint for this shop's URL, replacing the ones earlier runs left
 * there (their secrets died with those processes, so their deliveries could never verify).
 */
export async function webhookSecret(tessera: Tessera, shopUrl: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const url = `${shopUrl}${WEBHOOK_PATH}`;
  const stale = (await tessera.webhookEndpoints.list({ limit: 100 }).toArray({ limit: 1_000 })).filter(
    (e) => e.url === url,
  );
  for (const endpoint of stale) await tessera.webhookEndpoints.delete(endpoint.id);
  const endpoint = await tessera.webhookEndpoints.create({
    url,
    enabled_events: [...EVENTS],
    description: 'Checkout shop example',
  });
  return endpoint.secret;
}

/**
 * A delivery: verified (Standard Webhooks, the raw body exactly as received) before anything is
 * read, applied once per event id, answered 204. Anything unverifiable is 400 and changes nothing.
 */
export async function receiveWebhook(
  request: Request,
  tessera: Tessera,
  secret: string,
  store: Store,
): Promise<Response> {
  const body = await request.text();
  let event: Awaited<ReturnType<Tessera['webhooks']['verify']>>;
  try {
    event = await tessera.webhooks.verify(body, request.headers, secret);
  } catch (err) {
    if (err instanceof WebhookVerificationError) return new Response(`${err.code}\n`, { status: 400 });
    throw err;
  }
  if (store.seen(event.id)) return new Response(null, { status: 204 });
  if (event.type === 'loan.created' || event.type === 'loan.refunded' || event.type === 'loan.paid_off') {
    const loan = event.data.object;
    const order =
      (loan.order_reference ? store.order(loan.order_reference) : undefined) ?? store.orderByLoan(loan.id);
    if (order) {
      applyLoan(order, loan);
      order.events.push({ id: event.id, type: event.type, receivedAt: new Date().toISOString() });
    }
  }
  // Marked only once applied: a delivery that failed half-way is applied when it comes again.
  store.markSeen(event.id);
  return new Response(null, { status: 204 });
}
