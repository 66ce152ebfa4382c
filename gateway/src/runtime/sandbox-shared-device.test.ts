import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDpopKey, type DpopKey, makeDpopProof } from '../oauth/dpop-testing';
import { type RunningGateway, startNodeGateway } from './node';

/**
 * The sandbox guide's recipe for gus's fraud_review, followed over HTTP against a real gateway
 * with nothing but what a partner has: sandbox.json and the published key.
 */
const dir = mkdtempSync(join(tmpdir(), 'tessera-gus-'));
let gw: RunningGateway;
let creds: {
  client_id: string;
  client_secret: string;
  shared_device: { customer: string; dpop_private_jwk: JWK & { alg: string } };
};
beforeAll(async () => {
  gw = await startNodeGateway({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  creds = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8'));
});
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

async function keyFrom(jwk: JWK): Promise<DpopKey> {
  const { d: _private, ...publicJwk } = jwk;
  return {
    alg: 'ES256',
    privateKey: (await importJWK(jwk, 'ES256')) as CryptoKey,
    publicJwk,
    jkt: await calculateJwkThumbprint(publicJwk),
  };
}

const basic = () => `Basic ${btoa(`${creds.client_id}:${creds.client_secret}`)}`;
const b64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** Sandbox shortcut for `customer`, then the code redeemed with a DPoP proof of `key`. */
async function customerToken(customer: string, key: DpopKey): Promise<string> {
  const app = await fetch(`${gw.url}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: basic(), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const appToken = ((await app.json()) as { access_token: string }).access_token;
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)).buffer);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const auth = await fetch(`${gw.url}/v1/sandbox/authorizations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${appToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      customer,
      scope: 'credit:prequalify',
      authorization_details: [
        { type: 'checkout_credit', amount: 50_000, currency: 'USD', order_reference: 'ORD-GUS' },
      ],
      redirect_uri: 'http://127.0.0.1:4000/callback',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }),
  });
  expect(auth.status).toBe(201);
  const { code } = (await auth.json()) as { code: string };
  const token = await fetch(`${gw.url}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: basic(),
      'Content-Type': 'application/x-www-form-urlencoded',
      DPoP: await makeDpopProof({ key, htm: 'POST', htu: `${gw.url}/oauth/token` }),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:4000/callback',
      code_verifier: verifier,
    }).toString(),
  });
  const set = (await token.json()) as { access_token: string; token_type: string };
  expect(set.token_type).toBe('DPoP');
  return set.access_token;
}

async function offers(token: string, key: DpopKey) {
  const res = await fetch(`${gw.url}/v1/loan-offers`, {
    method: 'POST',
    headers: {
      Authorization: `DPoP ${token}`,
      DPoP: await makeDpopProof({ key, htm: 'POST', htu: `${gw.url}/v1/loan-offers`, accessToken: token }),
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify({ amount: { amount: 50_000, currency: 'USD' }, order_reference: 'ORD-GUS' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { decision: string; reasons: { code: string }[] };
}

describe('sandbox: gus and the published shared device', () => {
  it('publishes the shared DPoP key in sandbox.json, as a private JWK a client can sign with', async () => {
    expect(creds.shared_device.customer).toBe('gus');
    const jwk = creds.shared_device.dpop_private_jwk;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwk.d).toBeTruthy();
    // The guide prints the same key.
    const guide = readFileSync(join(__dirname, '../../../portal/docs/concepts/sandbox.mdx'), 'utf8');
    for (const part of [jwk.x!, jwk.y!, jwk.d!]) expect(guide).toContain(part);
  });

  it('a partner following the sandbox guide gets fraud_review for gus', async () => {
    const key = await keyFrom(creds.shared_device.dpop_private_jwk);
    const decision = await offers(await customerToken('gus', key), key);
    expect(decision.decision).toBe('declined');
    expect(decision.reasons.map((r) => r.code)).toContain('fraud_review');
  });

  it('gus is approved with a DPoP key of the partner’s own: the signal follows the key', async () => {
    const key = await createDpopKey();
    const decision = await offers(await customerToken('gus', key), key);
    expect(decision.decision).toBe('approved');
    expect(decision.reasons.map((r) => r.code)).not.toContain('fraud_review');
  });

  it('one DPoP key signing for more than two customers trips linked_devices: the third is declined fraud_review', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const key = await keyFrom({ ...(await exportJWK(privateKey)), alg: 'ES256' });
    const seen: string[] = [];
    for (const customer of ['ava', 'ben', 'cam']) {
      const decision = await offers(await customerToken(customer, key), key);
      seen.push(decision.reasons.some((r) => r.code === 'fraud_review') ? 'fraud_review' : decision.decision);
    }
    expect(seen).toEqual(['approved', 'approved', 'fraud_review']);
  });
});
