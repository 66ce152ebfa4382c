import { and, eq } from 'drizzle-orm';
import { apps, journals, outboxEvents, payments } from '../../db/schema';
import { createTestGateway, type TestGateway } from '../../testing/harness';
import { apiAs, type CustomerAccess, customerAccess, type TestApp, tokenRequest } from '../../testing/oauth';
import { paymentsRouter } from '.';
import type { PaymentObject, RefundObject } from './service/internal/objects';

export { barrierDb } from '../../testing/barrier';

/** Test helpers (Node only): a gateway with the payments routes, consents, and ledger reads. */

export async function paymentsGateway(): Promise<TestGateway> {
  const gw = await createTestGateway();
  gw.app.route('/', paymentsRouter());
  return gw;
}

export const usd = (amount: number) => ({ amount, currency: 'USD' as const });

export const oneOff = (amount: number) => [{ type: 'payment_initiation', instructed_amount: usd(amount) }];

export const standing = (perPayment: number, perPeriod: number, period: 'day' | 'week' | 'month') => [
  {
    type: 'payment_initiation',
    max_amount_per_payment: usd(perPayment),
    max_amount_per_period: usd(perPeriod),
    period,
  },
];

/** A customer's token under a payment consent, able to read payments too. */
export function payer(
  gw: TestGateway,
  opts: { details: unknown[]; customer?: string; app?: TestApp; scope?: string },
): Promise<CustomerAccess> {
  return customerAccess(gw, {
    customer: opts.customer ?? 'ava',
    scope: opts.scope ?? 'payments:read',
    authorization_details: opts.details,
    ...(opts.app ? { app: opts.app } : {}),
  });
}

/** The same consent with a fresh access token (they last 5 minutes), after moving the clock. */
export async function refreshed(gw: TestGateway, access: CustomerAccess): Promise<CustomerAccess> {
  const res = await tokenRequest(
    gw,
    access.app,
    { grant_type: 'refresh_token', refresh_token: access.tokens.refresh_token! },
    access.key,
  );
  if (res.status !== 200) throw new Error(`refresh failed: ${res.text}`);
  return { ...access, tokens: res.body, call: apiAs(gw, res.body.access_token, access.key) };
}

export type Problem = { code: string; detail: string; errors?: { path: string; message: string }[] };

export function pay(
  access: CustomerAccess,
  amount: number,
  opts: { key?: string; description?: string; reference?: string } = {},
) {
  const { key = crypto.randomUUID(), ...rest } = opts;
  return access.call<PaymentObject & Problem>(
    'POST',
    '/v1/payments',
    { amount: usd(amount), ...rest },
    { 'Idempotency-Key': key },
  );
}

export function refund(
  access: CustomerAccess,
  paymentId: string,
  body?: { amount?: { amount: number; currency: string }; reason?: string },
  key: string = crypto.randomUUID(),
) {
  return access.call<RefundObject & Problem>('POST', `/v1/payments/${paymentId}/refunds`, body, {
    'Idempotency-Key': key,
  });
}

export function depositOf(gw: TestGateway, login: string): string {
  return gw.seed.customers.find((c) => c.login === login)!.depositAccountId;
}

export async function merchantOf(gw: TestGateway, appId: string): Promise<string> {
  const [row] = await gw.services.db
    .select({ id: apps.merchantAccountId })
    .from(apps)
    .where(eq(apps.id, appId));
  return row!.id;
}

export function journalsFor(gw: TestGateway, kind: string, referenceId: string) {
  return gw.services.db
    .select()
    .from(journals)
    .where(and(eq(journals.kind, kind), eq(journals.referenceId, referenceId)));
}

export function paymentsOfConsent(gw: TestGateway, consentId: string) {
  return gw.services.db.select().from(payments).where(eq(payments.consentId, consentId));
}

export async function eventTypesFor(gw: TestGateway, objectId: string): Promise<string[]> {
  const rows = await gw.services.db.select().from(outboxEvents);
  return rows.filter((e) => e.data.object.id === objectId).map((e) => e.type);
}
