import { Tessera } from '@tessera/sdk';

const tessera = new Tessera({
  baseUrl: 'http://127.0.0.1:8787',
  clientId: 'app_Q2w8mZk1Lr7Tn0Vb4Xc6Yd3E',
  clientSecret: process.env.TESSERA_CLIENT_SECRET, // sandbox; live apps pass privateKey and kid
  redirectUri: 'http://127.0.0.1:4000/callback',
});

// Live apps get the session from the authorization code flow (tessera.oauth.exchangeCode).
const session = await tessera.sandbox.authorize('ava', {
  authorizationDetails: [
    { type: 'checkout_credit', amount: 50_000, currency: 'USD', order_reference: 'ORD-2026-1122-0042' },
  ],
});

const set = await session.loanOffers.create({
  amount: { amount: 50_000, currency: 'USD' },
  order_reference: 'ORD-2026-1122-0042',
  line_items: [{ name: 'Road bike', quantity: 1, unit_amount: 50_000 }],
  risk_context: { country: 'US' },
});
// A decline is an answer, not an error: show its reasons.
if (set.decision === 'declined') console.log(set.reasons);
else for (const offer of set.offers) console.log(offer.plan, offer.disclosure);
