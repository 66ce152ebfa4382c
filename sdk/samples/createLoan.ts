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
});
const offer = set.offers.find((o) => o.plan === 'installments_3');
if (!offer) throw new Error('No 3-installment plan was offered');

// Accepting the offer consumes the consent; follow the loan with the app (tessera.loans) after.
const loan = await session.loans.create({ offer: offer.id }, { idempotencyKey: 'ORD-2026-1122-0042-loan' });
console.log(
  loan.id,
  loan.status,
  loan.schedule.map((installment) => installment.due_at),
);
