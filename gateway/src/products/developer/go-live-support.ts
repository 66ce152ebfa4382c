import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { BatchItem } from '../../db/client';
import { consents, customers, payments } from '../../db/schema';
import { bankAccountId } from '../../platform/bank-accounts';
import { postJournal } from '../../platform/ledger';
import type { TestGateway } from '../../testing/harness';
import type { TestApp } from '../../testing/oauth';
import type { SignedIn } from './test-support';

/** Test helpers (Node only) for going live. */

export const GO_LIVE_BODY = {
  legal_name: 'Shop Example Ltd',
  country: 'GB',
  website: 'https://shop.example',
  payout_account: { account_number: '12344321', holder_name: 'Shop Example Ltd' },
  products: ['payments', 'events'],
};

/** A live app's key pair: the public half goes in the go-live request, the private signs assertions. */
export async function liveKeys() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { jwks: { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] }, signingKey: { privateKey, kid } };
}

export interface GoLiveBody {
  id: string;
  status: string;
  reason: string | null;
  live_app: string | null;
  payout_account: { last4: string };
}

/** A partner's go-live request approved by `staff`: the live app as a test client. */
export async function goLive(gw: TestGateway, partner: SignedIn, staff: SignedIn, sandboxAppId: string) {
  const keys = await liveKeys();
  const asked = await gw.client.post<GoLiveBody>(
    '/v1/developer/go-live-requests',
    { ...GO_LIVE_BODY, app: sandboxAppId, jwks: keys.jwks },
    partner.session,
  );
  if (asked.status !== 201) throw new Error(`go-live request failed: ${asked.text}`);
  const approved = await gw.client.post<GoLiveBody>(
    `/v1/developer/admin/go-live-requests/${asked.body.id}/approve`,
    {},
    staff.session,
  );
  if (approved.status !== 200) throw new Error(`approval failed: ${approved.text}`);
  const app: TestApp = { id: approved.body.live_app!, secret: null, signingKey: keys.signingKey, dpop: true };
  return { request: approved.body, app };
}

/**
 * A live payment of `amount` into the live app's merchant account, written as the payment service
 * would (row, journal, balance transaction): live customers sign in on the bank's own pages,
 * which a test cannot reach, so the payment is planted.
 */
export async function plantLivePayment(
  gw: TestGateway,
  live: { appId: string; merchantAccountId: string },
  amount: number,
) {
  const ctx = { ...gw.services, requestId: 'test' };
  const now = gw.clock.now();
  const customerId = gw.services.ids.newId('cus');
  const consentId = gw.services.ids.newId('csn');
  const paymentId = gw.services.ids.newId('pay');
  const journal = await postJournal(ctx, {
    mode: 'live',
    kind: 'payment',
    referenceId: paymentId,
    description: 'Test: a live payment',
    currency: 'USD',
    lines: [
      { accountId: bankAccountId('bank_funding', 'live', 'USD'), debit: amount },
      { accountId: live.merchantAccountId, credit: amount },
    ],
  });
  const statements: BatchItem[] = [
    gw.services.db.insert(customers).values({
      id: customerId,
      mode: 'live',
      name: 'Live Customer',
      homeCountry: 'US',
      currency: 'USD',
      monthlyIncome: 0,
      monthlyDebtObligations: 0,
      createdAt: now,
    }),
    gw.services.db.insert(consents).values({
      id: consentId,
      appId: live.appId,
      customerId,
      mode: 'live',
      scopes: ['payments:write'],
      authorizationDetails: [],
      status: 'consumed',
      createdAt: now,
    }),
    gw.services.db.insert(payments).values({
      id: paymentId,
      appId: live.appId,
      mode: 'live',
      consentId,
      customerId,
      debtorAccountId: bankAccountId('bank_funding', 'live', 'USD'),
      creditorAccountId: live.merchantAccountId,
      amount,
      currency: 'USD',
      status: 'succeeded',
      createdAt: now,
    }),
    ...journal.statements,
  ];
  await gw.services.db.batch(statements as [BatchItem, ...BatchItem[]]);
  return paymentId;
}
