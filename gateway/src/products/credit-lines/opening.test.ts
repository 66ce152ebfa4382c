import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consents,
  creditDecisions,
  creditInquiries,
  customerAccounts,
  ledgerAccounts,
} from '../../db/schema';
import type { TestGateway } from '../../testing/harness';
import { customerIn, expectLedgerOk, loansGateway, newWorld, type World } from '../loans/test-support';
import { expectLineOk, openTestLine } from './test-support';

let gw: TestGateway;
let world: World;

beforeAll(async () => {
  gw = await loansGateway();
  world = await newWorld(gw, 'Ride Co', { ava: 'champion' });
});
afterAll(async () => {
  await expectLedgerOk(gw);
  gw.close();
});

describe('opening a credit line (DOMAIN.md "Credit lines")', () => {
  it('opens at the limit formula and the pd’s APR tier, with a hard inquiry and a credit_line account', async () => {
    const { line, access } = await openTestLine(gw, 'ava', { world, via: 'shortcut', instantBoost: true });
    // ava: min(10,000.00, 3 × 8,500.00) × (1 − 8 × 0.0065) floored to 10.00 = 9,470.00 at 9.99%.
    expect(line).toMatchObject({
      creditLimit: 947_000,
      apr: 0.0999,
      balance: 0,
      status: 'open',
      instantBoost: true,
    });
    expect(line.consentId).toBe(access.consentId);
    const [decision] = await gw.services.db
      .select()
      .from(creditDecisions)
      .where(eq(creditDecisions.id, line.decisionId));
    expect(decision).toMatchObject({
      kind: 'line_opening',
      product: 'credit_line',
      outcome: 'approved',
      consentId: access.consentId,
    });
    const [account] = await gw.services.db
      .select()
      .from(customerAccounts)
      .where(eq(customerAccounts.id, line.customerAccountId));
    expect(account).toMatchObject({
      kind: 'credit_line',
      creditLimit: 947_000,
      currentBalance: 0,
      closedAt: null,
    });
    const [receivable] = await gw.services.db
      .select()
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.id, line.receivableAccountId));
    expect(receivable).toMatchObject({ type: 'loan_receivable', ownerType: 'credit_line', ownerId: line.id });
    const hard = await gw.services.db
      .select()
      .from(creditInquiries)
      .where(
        and(
          eq(creditInquiries.customerId, customerIn(world, 'ava').id),
          eq(creditInquiries.kind, 'hard'),
          eq(creditInquiries.purpose, 'credit_line'),
        ),
      );
    expect(hard).toHaveLength(1);
    const [consent] = await gw.services.db.select().from(consents).where(eq(consents.id, access.consentId));
    expect(consent?.expiresAt).toBeNull();
    expect(consent?.authorizationDetails[0]).toMatchObject({
      type: 'credit_line',
      line_id: line.id,
      autopay: 'minimum',
    });
    await expectLineOk(gw, line.id);
  });

  it('opens through the consent pages with the customer’s autopay choice and the boost turned off', async () => {
    const { line } = await openTestLine(gw, 'ben', { world, autopay: 'full' });
    expect(line).toMatchObject({ autopay: 'full', instantBoost: false, apr: 0.0999 });
    await expectLineOk(gw, line.id);
  });
});
