// A partner's program as they write it: the package from its tarball, strict TypeScript, NodeNext.
import {
  type ListObject,
  NotFoundError,
  type Payment,
  Tessera,
  TesseraError,
  verifyWebhook,
  WebhookVerificationError,
} from '@tessera/sdk';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name}.`);
  return value;
};

const tessera = new Tessera({
  baseUrl: env('TESSERA_BASE_URL'),
  clientId: env('TESSERA_CLIENT_ID'),
  clientSecret: env('TESSERA_CLIENT_SECRET'),
  redirectUri: env('TESSERA_REDIRECT_URI'),
});

const session = await tessera.sandbox.authorize('ava', {
  authorizationDetails: [
    { type: 'payment_initiation', instructed_amount: { amount: 1299, currency: 'USD' } },
  ],
});
const payment: Payment = await session.payments.create({
  amount: { amount: 1299, currency: 'USD' },
  reference: 'PARTNER-1',
});

// A list result is a promise like any other: .catch and .finally.
let settled = false;
const page: ListObject<Payment> | null = await tessera.payments
  .list({ limit: 5 })
  .catch((err: unknown) => {
    console.error(err);
    return null;
  })
  .finally(() => {
    settled = true;
  });

const missing = await tessera.consents.retrieve('csn_missing').catch((err: unknown) => err);
const forged = await verifyWebhook(
  '{}',
  { 'webhook-id': 'x' },
  'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
).catch((err: unknown) => err);

console.log(
  JSON.stringify({
    paymentId: payment.id,
    status: payment.status,
    reference: payment.reference,
    listed: page?.data.some((p) => p.id === payment.id) ?? false,
    settled,
    notFound: missing instanceof NotFoundError && missing instanceof TesseraError,
    requestId: missing instanceof TesseraError ? missing.requestId : null,
    forgedRefused: forged instanceof WebhookVerificationError,
  }),
);
