import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchItem } from '../db/client';
import { auditLog, journals } from '../db/schema';
import { testD1 } from '../testing/d1';
import { bankAccountId, bankAccountStatements } from './bank-accounts';
import { ManualClock } from './clock';
import { randomIds } from './context';
import { balanceOf, checkLedgerInvariants, isOverdraftError, openAccount, postJournal } from './ledger';

const db = testD1();
const ctx = {
  db,
  clock: new ManualClock('2026-11-22T10:00:00Z'),
  ids: randomIds,
  requestId: 'req_ledger_d1',
};
const batch = (statements: BatchItem[]) => db.batch(statements as [BatchItem, ...BatchItem[]]);
const funding = bankAccountId('bank_funding', 'sandbox', 'USD');

// D1 has no interactive transactions: the batch is the only atomic unit, so prove it is one.
describe('ledger on D1', () => {
  let deposit: string;
  let merchant: string;

  beforeAll(async () => {
    const bank = bankAccountStatements(ctx, 'sandbox', 'USD');
    const cus = openAccount(ctx, {
      mode: 'sandbox',
      type: 'customer_deposit',
      currency: 'USD',
      ownerType: 'customer',
      ownerId: randomIds.newId('cus'),
    });
    const shop = openAccount(ctx, {
      mode: 'sandbox',
      type: 'merchant_settlement',
      currency: 'USD',
      ownerType: 'app',
      ownerId: randomIds.newId('app'),
    });
    deposit = cus.id;
    merchant = shop.id;
    const fund = await postJournal(
      ctx,
      {
        mode: 'sandbox',
        kind: 'sandbox_funding',
        referenceId: deposit,
        description: 'Opening balance',
        currency: 'USD',
        lines: [
          { accountId: funding, debit: 10_000 },
          { accountId: deposit, credit: 10_000 },
        ],
      },
      { newAccounts: [...bank.accounts, cus.account, shop.account] },
    );
    await batch([...bank.statements, cus.statement, shop.statement, ...fund.statements]);
  });

  const payment = (amount: number) =>
    postJournal(ctx, {
      mode: 'sandbox',
      kind: 'payment',
      referenceId: randomIds.newId('pay'),
      description: 'Checkout',
      currency: 'USD',
      lines: [
        { accountId: deposit, debit: amount },
        { accountId: merchant, credit: amount },
      ],
    });

  it('posts a funding journal', async () => {
    expect(await balanceOf(db, deposit)).toBe(10_000);
    expect(await checkLedgerInvariants(db)).toEqual([]);
  });

  it('rolls back the whole batch when a journal would overdraw a deposit account', async () => {
    const auditId = randomIds.newId('aud');
    const unrelated = db.insert(auditLog).values({
      id: auditId,
      actorType: 'system',
      actorId: null,
      action: 'test.unrelated',
      targetType: 'test',
      targetId: 'none',
      createdAt: ctx.clock.now(),
    });
    const overdraw = await payment(10_001);

    const err = await batch([unrelated, ...overdraw.statements]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(isOverdraftError(err)).toBe(true);

    expect(await balanceOf(db, deposit)).toBe(10_000);
    expect(await balanceOf(db, merchant)).toBe(0);
    expect(await db.select().from(journals).where(eq(journals.id, overdraw.journalId))).toEqual([]);
    expect(await db.select().from(auditLog).where(eq(auditLog.id, auditId))).toEqual([]);
    expect(await checkLedgerInvariants(db)).toEqual([]);
  });

  it('commits a journal that spends exactly the balance', async () => {
    const spend = await payment(10_000);
    await batch(spend.statements);
    expect(await balanceOf(db, deposit)).toBe(0);
    expect(await balanceOf(db, merchant)).toBe(10_000);
    expect(await checkLedgerInvariants(db)).toEqual([]);
  });
});
