import { timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { Bank } from './bank.ts';
import { Charging, LinkInactiveError, TryAgainError } from './charging.ts';
import { CallbackError, Linking, RIDE_LIMITS } from './linking.ts';
import { formatMoney } from './money.ts';
import { riderView } from './rider-view.ts';
import type { Money, Rider, Store } from './store.ts';
import { receiveWebhook, WEBHOOK_PATH } from './webhooks.ts';

export interface RidesDeps {
  bank: Bank;
  store: Store;
  appUrl: string;
  webhookSecret: string;
  dispatchToken: string;
}

type Env = { Variables: { rider: Rider } };

/** RFC 9457 problem details, the way the bank answers too. */
function problem(c: Context, status: 400 | 401 | 404 | 409 | 422 | 500 | 503, code: string, detail: string) {
  return c.json({ type: 'about:blank', title: code.replaceAll('_', ' '), status, code, detail }, status, {
    'Content-Type': 'application/problem+json',
  });
}

function page(title: string, text: string) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title} · Ride</title></head>
<body><main><h1>${title}</h1><p role="status">${text}</p><p>You can close this window and go back to the app.</p></main></body></html>`;
}

const bearer = (c: Context) => /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function fareOf(body: unknown): Money | string {
  const fare = (body as { fare?: { amount?: unknown; currency?: unknown } } | null)?.fare;
  if (!fare || !Number.isSafeInteger(fare.amount) || (fare.amount as number) <= 0)
    return 'fare.amount must be a positive integer of cents.';
  if (fare.currency !== 'USD') return 'fare.currency must be USD.';
  if ((fare.amount as number) > RIDE_LIMITS.perRide.amount)
    return `A ride is charged at most ${formatMoney(RIDE_LIMITS.perRide)}: the rider consented to no more.`;
  return { amount: fare.amount as number, currency: 'USD' };
}

/**
 * The ride-hailing backend's HTTP API. Riders call it with their API key (the phone app's
 * session); the dispatch system finishes rides with its own token; the bank's browser pages come
 * back to /callback and /limit-offers/return; the bank's webhooks to /webhooks/tessera.
 */
export function createRidesApp(deps: RidesDeps): Hono<Env> {
  const { bank, store } = deps;
  const linking = new Linking(bank, store);
  const charging = new Charging(bank, store);
  const app = new Hono<Env>();
  app.onError((err, c) => {
    console.error(`${c.req.method} ${c.req.path}:`, err);
    return problem(c, 500, 'internal_error', 'Something went wrong on our side; try again.');
  });

  app.get('/health', (c) => c.json({ ok: true }));

  app.post('/riders', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { name?: unknown } | null;
    const name = typeof body?.name === 'string' ? body.name.trim() : '';
    if (!name || name.length > 100)
      return problem(c, 422, 'invalid_request', 'Send {"name": "…"} (1–100 characters).');
    const { rider, apiKey } = store.addRider(name);
    return c.json({ id: rider.id, name: rider.name, api_key: apiKey }, 201);
  });

  // Everything under /riders/me and /rides (but finishing) is the rider's own.
  const asRider = async (c: Context<Env>, next: () => Promise<void>) => {
    const key = bearer(c);
    const rider = key ? store.riderByKey(key) : undefined;
    if (!rider)
      return problem(c, 401, 'unauthorized', 'Send the rider’s API key: Authorization: Bearer rk_….');
    c.set('rider', rider);
    await next();
  };
  // `/riders/me/*` covers `/riders/me` itself too.
  app.use('/riders/me/*', asRider);

  app.get('/riders/me', async (c) => c.json(await riderView(bank, c.get('rider'), deps.appUrl)));

  app.post('/riders/me/link', async (c) => {
    const rider = c.get('rider');
    if (rider.link?.status === 'active')
      return problem(c, 409, 'already_linked', 'Your bank is linked already.');
    return c.json({ authorize_url: await linking.start(rider) }, 201);
  });

  app.get('/riders/me/limit-offers', async (c) => {
    // Through the whole view, so that a link the bank refuses reads revoked here too.
    return c.json({ data: (await riderView(bank, c.get('rider'), deps.appUrl)).limit_offers });
  });

  app.post('/riders/me/rides', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { from?: unknown; to?: unknown } | null;
    const from = typeof body?.from === 'string' ? body.from.slice(0, 100) : '';
    const to = typeof body?.to === 'string' ? body.to.slice(0, 100) : '';
    if (!from || !to) return problem(c, 422, 'invalid_request', 'Send {"from": "…", "to": "…"}.');
    const ride = store.addRide(c.get('rider').id, from, to);
    return c.json(ride, 201);
  });

  app.get('/riders/me/rides/:id', (c) => {
    const ride = store.ride(c.req.param('id'));
    if (!ride || ride.riderId !== c.get('rider').id)
      return problem(c, 404, 'not_found', 'No such ride of yours.');
    return c.json(ride);
  });

  app.post('/rides/:id/finish', async (c) => {
    const token = bearer(c);
    if (!token || !sameSecret(token, deps.dispatchToken))
      return problem(
        c,
        401,
        'unauthorized',
        'Finishing rides takes the dispatch token: Authorization: Bearer ….',
      );
    const ride = store.ride(c.req.param('id'));
    if (!ride) return problem(c, 404, 'not_found', 'No such ride.');
    const fare = fareOf(await c.req.json().catch(() => null));
    if (typeof fare === 'string') return problem(c, 422, 'invalid_request', fare);
    if (
      ride.receipt &&
      (ride.receipt.fare.amount !== fare.amount || ride.receipt.fare.currency !== fare.currency)
    )
      return problem(
        c,
        409,
        'ride_already_finished',
        `The ride was finished with a fare of ${formatMoney(ride.receipt.fare)}.`,
      );
    try {
      return c.json(await charging.finish(ride, fare));
    } catch (err) {
      if (err instanceof LinkInactiveError) return problem(c, 409, 'bank_link_inactive', err.message);
      if (err instanceof TryAgainError) return problem(c, 503, 'bank_unavailable', err.message);
      throw err;
    }
  });

  app.get('/callback', async (c) => {
    try {
      const { outcome, message } = await linking.complete(c.req.url);
      return c.html(page(outcome === 'linked' ? 'Bank linked' : 'Bank not linked', message));
    } catch (err) {
      if (err instanceof CallbackError) return c.html(page('This link did not work', err.message), 400);
      throw err;
    }
  });

  // Where the bank's limit-offer page sends the rider back: the answer is the bank's to tell.
  app.get('/limit-offers/return', (c) => {
    const result = c.req.query('result');
    if (result === 'accepted')
      return c.html(
        page('New limit accepted', 'Your bank raised your credit line’s limit. The app shows it now.'),
      );
    if (result === 'declined')
      return c.html(page('Offer declined', 'Your credit line’s limit stays as it was.'));
    return c.html(page('Back from your bank', 'Open the app to see your credit line.'), 400);
  });

  app.post(WEBHOOK_PATH, (c) =>
    receiveWebhook(c.req.raw, { tessera: bank.app, secret: deps.webhookSecret, store }),
  );

  return app;
}
