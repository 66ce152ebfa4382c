import type { BatchItem } from '../db/client';
import { ledgerAccounts } from '../db/schema';
import type { Mode, ServiceContext } from './context';
import type { KnownAccount } from './ledger';
import type { Currency } from './money';

const BANK_ACCOUNTS = {
  bank_funding: 'debit',
  interest_income: 'credit',
  fee_income: 'credit',
  external_clearing: 'credit',
} as const;
type BankAccountType = keyof typeof BANK_ACCOUNTS;
const NAMES: Record<BankAccountType, string> = {
  bank_funding: 'BankFunding',
  interest_income: 'InterestIncome',
  fee_income: 'FeeIncome',
  external_clearing: 'ExternalClearing',
};

/** The bank's own ledger accounts are singletons per mode and currency, so their ids are fixed. */
export function bankAccountId(type: BankAccountType, mode: Mode, currency: Currency): string {
  const name = NAMES[type];
  return `acct_${name}${mode === 'live' ? 'Live' : 'Sandbox'}${currency}`;
}

/** Statements that create the bank's accounts if missing (INSERT OR IGNORE: safe to repeat). */
export function bankAccountStatements(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  mode: Mode,
  currency: Currency,
): { statements: BatchItem[]; accounts: KnownAccount[] } {
  const statements: BatchItem[] = [];
  const accounts: KnownAccount[] = [];
  for (const [type, normalBalance] of Object.entries(BANK_ACCOUNTS) as [
    BankAccountType,
    'debit' | 'credit',
  ][]) {
    const id = bankAccountId(type, mode, currency);
    statements.push(
      ctx.db
        .insert(ledgerAccounts)
        .values({
          id,
          mode,
          type,
          normalBalance,
          currency,
          ownerType: 'bank',
          ownerId: 'bank',
          createdAt: ctx.clock.now(),
        })
        .onConflictDoNothing(),
    );
    accounts.push({ id, currency, mode, status: 'open', type, ownerId: 'bank' });
  }
  return { statements, accounts };
}
