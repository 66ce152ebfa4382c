import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItem } from '../db/client';
import { auditLog, journals } from '../db/schema';
import { createTestDatabase, type TestDatabase } from '../testing/harness';
import { auditStatement } from './audit';
import { bankAccountId, bankAccountStatements } from './bank-accounts';
import { ManualClock } from './clock';
import { randomIds } from './context';
import {
  balanceOf,
  checkLedgerInvariants,
  isOverdraftError,
  LedgerError,
  openAccount,
  postJournal,
} from './ledger';

let t: TestDatabase;
const clock = new ManualClock('2026-11-22T10:00:00Z');
const ctx = () => ({ db: t.db, clock, ids: randomIds, requestId: 'req_test', app: null });
const funding = bankAccountId('bank_funding', 'sandbox', 'USD');
let deposit: string;
let merchant: string;

async function run(statements: BatchItem[]) {
  await t.db.batch(statements as [BatchItem, ...BatchItem[]]);
}

beforeAll(async () => {
  t = await createTestDatabase();
  const bank = bankAccountStatements(ctx(), 'sandbox', 'USD');
  const d = openAccount(ctx(), {
    mode: 'sandbox',
    type: 'customer_deposit',
    currency: 'USD',
    ownerType: 'customer',
    ownerId: 'cus_test',
  });
  const m = openAccount(ctx(), {
    mode: 'sandbox',
    type: 'merchant_settlement',
    currency: 'USD',
    ownerType: 'app',
    ownerId: 'app_test',
  });
  deposit = d.id;
  merchant = m.id;
  await run([...bank.statements, d.statement, m.statement]);
  const fund = await postJournal(ctx(), {
    mode: 'sandbox',
    kind: 'sandbox_funding',
    referenceId: deposit,
    description: 'opening balance',
    currency: 'USD',
    lines: [
      { accountId: funding, debit: 10_000 },
      { accountId: deposit, credit: 10_000 },
    ],
  });
  await run(fund.statements);
});
afterAll(() => t.close());

const pay = (referenceId: string, amount: number) =>
  postJournal(ctx(), {
    mode: 'sandbox',
    kind: 'payment',
    referenceId,
    description: 'payment',
    currency: 'USD',
    lines: [
      { accountId: deposit, debit: amount },
      { accountId: merchant, credit: amount },
    ],
  });

describe('ledger', () => {
  it('posts a balanced journal: balances move on their normal side and invariants hold', async () => {
    await run((await pay('pay_one', 2_500)).statements);
    expect(await balanceOf(t.db, deposit)).toBe(7_500);
    expect(await balanceOf(t.db, merchant)).toBe(2_500);
    expect(await balanceOf(t.db, funding)).toBe(10_000);
    expect(await checkLedgerInvariants(t.db)).toEqual([]);
  });

  it('a journal that would overdraw rolls back the WHOLE batch (CHECK constraint, not app code)', async () => {
    const before = { deposit: await balanceOf(t.db, deposit), merchant: await balanceOf(t.db, merchant) };
    const journal = await pay('pay_too_much', 1_000_000);
    const audit = auditStatement(ctx(), {
      actorType: 'system',
      actorId: null,
      action: 'test',
      targetType: 'payment',
      targetId: 'pay_too_much',
    });
    const err = await run([audit, ...journal.statements]).catch((e: unknown) => e);
    expect(isOverdraftError(err)).toBe(true);
    expect(await balanceOf(t.db, deposit)).toBe(before.deposit);
    expect(await balanceOf(t.db, merchant)).toBe(before.merchant);
    expect(await t.db.select().from(journals).where(eq(journals.referenceId, 'pay_too_much'))).toEqual([]);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.targetId, 'pay_too_much'))).toEqual([]);
    expect(await checkLedgerInvariants(t.db)).toEqual([]);
  });

  it('refuses a second journal for the same object', async () => {
    const again = await pay('pay_one', 100);
    await expect(run(again.statements)).rejects.toThrow();
    expect(await balanceOf(t.db, deposit)).toBe(7_500);
  });

  it('refuses unbalanced, empty, mixed-currency, cross-mode and unknown-account journals before writing', async () => {
    const base = {
      mode: 'sandbox' as const,
      kind: 'x',
      referenceId: 'x',
      description: 'x',
      currency: 'USD' as const,
    };
    await expect(
      postJournal(ctx(), {
        ...base,
        lines: [
          { accountId: deposit, debit: 1 },
          { accountId: merchant, credit: 2 },
        ],
      }),
    ).rejects.toThrow(LedgerError);
    await expect(postJournal(ctx(), { ...base, lines: [{ accountId: deposit, debit: 1 }] })).rejects.toThrow(
      /two lines/,
    );
    await expect(
      postJournal(ctx(), {
        ...base,
        lines: [
          { accountId: deposit, debit: 0 },
          { accountId: merchant, credit: 0 },
        ],
      }),
    ).rejects.toThrow(/positive/);
    await expect(
      postJournal(ctx(), {
        ...base,
        lines: [
          { accountId: deposit, debit: 1.5 },
          { accountId: merchant, credit: 1.5 },
        ],
      }),
    ).rejects.toThrow(/integers/);
    await expect(
      postJournal(ctx(), {
        ...base,
        currency: 'EUR',
        lines: [
          { accountId: deposit, debit: 1 },
          { accountId: merchant, credit: 1 },
        ],
      }),
    ).rejects.toThrow(/not EUR/);
    await expect(
      postJournal(ctx(), {
        ...base,
        mode: 'live',
        lines: [
          { accountId: deposit, debit: 1 },
          { accountId: merchant, credit: 1 },
        ],
      }),
    ).rejects.toThrow(/never cross modes/);
    await expect(
      postJournal(ctx(), {
        ...base,
        lines: [
          { accountId: 'acct_nope', debit: 1 },
          { accountId: merchant, credit: 1 },
        ],
      }),
    ).rejects.toThrow(/no ledger account/);
  });

  it('checkLedgerInvariants detects a balance that drifted from its entries', async () => {
    const { ledgerAccounts } = await import('../db/schema');
    await t.db.update(ledgerAccounts).set({ balance: 7_501 }).where(eq(ledgerAccounts.id, deposit));
    const problems = await checkLedgerInvariants(t.db);
    expect(problems.some((p) => p.includes(deposit) && p.includes('sum of its entries'))).toBe(true);
    expect(problems.some((p) => p.includes('debit-side balances'))).toBe(true);
    await t.db.update(ledgerAccounts).set({ balance: 7_500 }).where(eq(ledgerAccounts.id, deposit));
    expect(await checkLedgerInvariants(t.db)).toEqual([]);
  });
});
