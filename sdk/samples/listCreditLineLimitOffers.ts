import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Live apps get the session from the authorization code flow (tessera.oauth.exchangeCode); the
// line's offers are read under the consent that opened it.
const session = await tessera.sandbox.authorize('fay', {
  scope: 'credit_lines:read',
  authorizationDetails: [
    { type: 'credit_line', max_draw_amount: { amount: 50_000, currency: 'USD' }, instant_boost: false },
  ],
});
const lines = await session.request('get', '/v1/credit-lines');
const line = lines.data[0]!;
const pending = await session.creditLines.limitOffers.list(line.id, { status: 'offered' });
for (const offer of pending.data) {
  // Show it in your app; the customer answers on the bank's page and comes back to your
  // redirect URI with ?limit_offer=<id>&result=accepted|declined.
  console.log(offer.id, offer.current_limit.amount, '→', offer.offered_limit.amount, offer.accept_url);
}
