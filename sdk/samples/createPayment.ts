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
    {
      type: 'payment_initiation',
      max_amount_per_payment: { amount: 5_000, currency: 'USD' },
      max_amount_per_period: { amount: 100_000, currency: 'USD' },
      period: 'month',
    },
  ],
});

// The SDK sends an Idempotency-Key (here yours) and repeats it on every retry: one payment.
const payment = await session.payments.create(
  {
    amount: { amount: 1299, currency: 'USD' },
    description: 'Ride to the airport',
    reference: 'RIDE-20261122-0042',
  },
  { idempotencyKey: 'ride-20261122-0042' },
);
if (payment.status === 'failed') console.log(payment.failure_code);
