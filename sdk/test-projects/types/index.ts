// Type-checked with `tsc --noEmit -p sdk/test-projects/types` against dist/*.d.ts through the exports
// map. Every @ts-expect-error must be an error, or tsc fails ("Unused '@ts-expect-error' directive").
import {
  type Consent,
  type CustomerSession,
  NotFoundError,
  type Tessera,
  type TesseraError,
  type TesseraEvent,
} from '@tessera/sdk';

declare const tessera: Tessera;
declare const session: CustomerSession;

export async function compiles(): Promise<void> {
  const consent: Consent = await tessera.consents.retrieve('csn_1');
  const status: 'authorised' | 'revoked' | string = consent.status;
  const score = await session.creditScore.retrieve();
  const band: 'poor' | 'fair' | 'good' | 'very_good' | 'exceptional' = score.band;
  const raw = await tessera.request('get', '/v1/consents/{id}', { params: { path: { id: 'csn_1' } } });
  const object: 'consent' = raw.object;
  await tessera.request(
    'post',
    '/v1/sandbox/authorizations',
    {
      body: {
        customer: 'ava',
        redirect_uri: 'https://shop.example/cb',
        code_challenge: 'x',
        code_challenge_method: 'S256',
      },
    },
    { idempotencyKey: 'order-1', timeoutMs: 5000 },
  );
  await tessera.sandbox.authorize('ava', {
    authorizationDetails: [
      { type: 'payment_initiation', instructed_amount: { amount: 1299, currency: 'USD' } },
    ],
  });
  const payment = await session.payments.create(
    { amount: { amount: 1299, currency: 'USD' }, reference: 'RIDE-0042' },
    { idempotencyKey: 'ride-0042' },
  );
  const paymentStatus: 'succeeded' | 'failed' = payment.status;
  for await (const p of tessera.payments.list({ status: 'succeeded', limit: 100 }))
    console.log(p.id, paymentStatus);
  // The Idempotency-Key header the document requires is optional here: the SDK sends one.
  await tessera.request('post', '/v1/payments', { body: { amount: { amount: 1, currency: 'USD' } } });
  try {
    await tessera.consents.retrieve('csn_2');
  } catch (err) {
    if (err instanceof NotFoundError) {
      const e: TesseraError = err;
      console.log(e.code, e.status, e.requestId, e.detail, e.errors);
    }
  }
  const event = await tessera.webhooks.verify('{}', new Headers(), 'whsec_x');
  narrow(event);
  console.log(status, band, object);
}

function narrow(event: TesseraEvent): string {
  switch (event.type) {
    case 'consent.revoked':
      return event.data.object.status; // a Consent
    case 'payment.failed':
      return event.data.object.failure_code ?? ''; // a Payment
    default:
      return event.id;
  }
}

export async function doesNotCompile(): Promise<void> {
  await session.payments.create({
    amount: { amount: 1299, currency: 'USD' },
    // @ts-expect-error a field the create body does not have
    colour: 'red',
  });
  // @ts-expect-error amount is required
  await session.payments.create({ reference: 'RIDE-0042' });
  await tessera.request('post', '/v1/sandbox/authorizations', {
    body: {
      customer: 'ava',
      redirect_uri: 'https://shop.example/cb',
      code_challenge: 'x',
      code_challenge_method: 'S256',
      // @ts-expect-error a field the create body does not have
      colour: 'red',
    },
  });
  // @ts-expect-error a path the API does not have
  await tessera.request('get', '/v1/unknown');
  // @ts-expect-error a method the path does not have
  await tessera.request('put', '/v1/credit-score');
  // @ts-expect-error the path parameter is required
  await tessera.request('get', '/v1/consents/{id}', {});
  await tessera.sandbox.authorize('ava', {
    // @ts-expect-error not a purpose the document allows
    authorizationDetails: [{ type: 'credit_score', purpose: 'curiosity', detail: 'band' }],
  });
  const event = await tessera.webhooks.verify('{}', new Headers(), 'whsec_x');
  // @ts-expect-error not an event type
  if (event.type === 'payment.exploded') return;
  // @ts-expect-error credit scores are retrieved, not listed
  await session.creditScore.list();
}
