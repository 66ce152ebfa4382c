import { createHash, randomBytes } from 'node:crypto';

const base64url = (bytes: Buffer) => bytes.toString('base64url');

export interface SandboxCall {
  /** The Request-Id of the payment request. */
  requestId: string;
  paymentId: string;
  appToken: string;
}

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * What a developer does with the credentials the console showed, as in the curl quickstart:
 * a client-credentials token (client_secret_basic), the sandbox shortcut for `ava` with PKCE, the
 * token exchange, and a payment.
 */
export async function payAsAva(gateway: string, creds: Credentials): Promise<SandboxCall> {
  const { appToken, accessToken } = await customerToken(gateway, creds, [
    { type: 'payment_initiation', instructed_amount: { amount: 1299, currency: 'USD' } },
  ]);
  const res = await fetch(`${gateway}/v1/payments`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${accessToken}`,
      'Idempotency-Key': crypto.randomUUID(),
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ amount: { amount: 1299, currency: 'USD' }, description: 'Portal e2e order' }),
  });
  const requestId = res.headers.get('Request-Id') ?? '';
  const payment = await json<{ id: string; status: string }>(res, 'payment');
  if (payment.status !== 'succeeded') throw new Error(`payment ${payment.id} is ${payment.status}`);
  return { requestId, paymentId: payment.id, appToken };
}

/** A credit decision for `ava` at checkout: loan offers under a checkout_credit consent. */
export async function offerCreditToAva(
  gateway: string,
  creds: Credentials,
): Promise<{ decision: string; customer: string }> {
  const order = `ORD-${Date.now()}`;
  const { accessToken } = await customerToken(gateway, creds, [
    { type: 'checkout_credit', amount: 50_000, currency: 'USD', order_reference: order },
  ]);
  return json<{ decision: string; customer: string }>(
    await fetch(`${gateway}/v1/loan-offers`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${accessToken}`,
        'Idempotency-Key': crypto.randomUUID(),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ amount: { amount: 50_000, currency: 'USD' }, order_reference: order }),
    }),
    'loan offers',
  );
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * An app token, then a customer token for `ava` through the sandbox shortcut and the exchange:
 * for these authorization details, or for a `{ scope }` (a published product's scopes).
 */
export async function customerToken(
  gateway: string,
  creds: Credentials,
  details: unknown[] | { scope: string },
) {
  const basic = `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64')}`;
  const form = { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' };

  const app = await json<{ access_token: string; token_type: string }>(
    await fetch(`${gateway}/oauth/token`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    }),
    'client credentials',
  );

  const verifier = base64url(randomBytes(48));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const authorization = await json<{ code: string }>(
    await fetch(`${gateway}/v1/sandbox/authorizations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        customer: 'ava',
        ...(Array.isArray(details) ? { authorization_details: details } : details),
        redirect_uri: creds.redirectUri,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    }),
    'sandbox authorization',
  );

  const customer = await json<{ access_token: string }>(
    await fetch(`${gateway}/oauth/token`, {
      method: 'POST',
      headers: form,
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: authorization.code,
        redirect_uri: creds.redirectUri,
        code_verifier: verifier,
      }),
    }),
    'token exchange',
  );
  return { appToken: app.access_token, accessToken: customer.access_token };
}
