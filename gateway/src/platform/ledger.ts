import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem, Database } from '../db/client';
import { boundStatement, preparedInsert, preparedQuery } from '../db/prepared';
import { journalEntries, journals, type LedgerAccountType, ledgerAccounts } from '../db/schema';
import { balanceTransactionStatement, balanceTypeOf, merchantClock } from './balance-transactions';
import type { Mode, ServiceContext } from './context';
import { type Currency, isCurrency } from './money';

type Ctx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'> & Partial<Pick<ServiceContext, 'app'>>;

const insertJournal = preparedInsert(journals);
const insertEntry = preparedInsert(journalEntries);
const balanceUpdate = preparedQuery((db) =>
  db
    .update(ledgerAccounts)
    .set({
      balance: sql`${ledgerAccounts.balance} + CASE ${ledgerAccounts.normalBalance} WHEN 'debit' THEN ${sql.placeholder('debit')} ELSE ${sql.placeholder('credit')} END`,
    })
    .where(eq(ledgerAccounts.id, sql.placeholder('accountId')))
    .prepare(),
);

const NORMAL_BALANCE: Record<LedgerAccountType, 'debit' | 'credit'> = {
  customer_deposit: 'credit',
  merchant_settlement: 'credit',
  interest_income: 'credit',
  fee_income: 'credit',
  // Money on its way out to other banks (payouts): owed until the transfer settles.
  external_clearing: 'credit',
  loan_receivable: 'debit',
  bank_funding: 'debit',
};

export class LedgerError extends Error {
  override name = 'LedgerError';
}

export function openAccount(
  ctx: Pick<ServiceContext, 'clock' | 'ids' | 'db'>,
  a: {
    mode: Mode;
    type: LedgerAccountType;
    currency: Currency;
    ownerType: 'bank' | 'customer' | 'app' | 'loan' | 'credit_line';
    ownerId: string | null;
  },
  id = ctx.ids.newId('acct'),
): { id: string; statement: BatchItem; account: KnownAccount } {
  const statement = ctx.db.insert(ledgerAccounts).values({
    id,
    mode: a.mode,
    type: a.type,
    normalBalance: NORMAL_BALANCE[a.type],
    currency: a.currency,
    balance: 0,
    ownerType: a.ownerType,
    ownerId: a.ownerId,
    createdAt: ctx.clock.now(),
  });
  return {
    id,
    statement,
    account: { id, currency: a.currency, mode: a.mode, status: 'open', type: a.type, ownerId: a.ownerId },
  };
}

/** One leg: exactly one of debit or credit, a positive integer of minor units. */
export type JournalLine = { accountId: string } & (
  | { debit: number; credit?: never }
  | { credit: number; debit?: never }
);

export interface KnownAccount {
  id: string;
  currency: string;
  mode: Mode;
  status: 'open' | 'closed';
  /** Always known: a merchant account's movements get balance transactions, found by this type. */
  type: LedgerAccountType;
  ownerId: string | null;
}

export interface JournalInput {
  mode: Mode;
  kind: string;
  /** The object this movement belongs to (pay_…, re_…): unique per kind. */
  referenceId: string;
  description: string;
  currency: Currency;
  lines: JournalLine[];
}

/**
 * Validates a journal and returns the statements that post it, for the caller's batch: the
 * journal, its entries and one balance update per account. Nothing is written here. If the batch
 * would overdraw a deposit or merchant account, the database CHECK fails and the whole batch —
 * the caller's state change, outbox event and idempotency record included — rolls back. Every
 * movement of a merchant_settlement account gets its balance transaction here, in the same
 * statements, so none can be forgotten; a kind with no balance transaction type cannot move one.
 */
export async function postJournal(
  ctx: Ctx,
  input: JournalInput,
  opts: {
    /** Accounts the caller creates in the same batch, so they cannot be read yet. */
    newAccounts?: KnownAccount[];
    /** Accounts the caller has read in this request already: not read a second time. */
    known?: KnownAccount[];
  } = {},
): Promise<{ journalId: string; statements: BatchItem[] }> {
  if (!isCurrency(input.currency)) throw new LedgerError(`unknown currency ${input.currency}`);
  if (input.lines.length < 2) throw new LedgerError('a journal needs at least two lines');
  const net = new Map<string, number>();
  let debits = 0;
  let credits = 0;
  for (const line of input.lines) {
    const value = line.debit ?? line.credit;
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new LedgerError(`line amounts must be positive integers, got ${value}`);
    const signed = line.debit !== undefined ? value : -value;
    if (line.debit !== undefined) debits += value;
    else credits += value;
    net.set(line.accountId, (net.get(line.accountId) ?? 0) + signed);
  }
  if (debits !== credits)
    throw new LedgerError(`journal does not balance: debits ${debits} ≠ credits ${credits}`);

  const fresh = [...(opts.newAccounts ?? []), ...(opts.known ?? [])];
  const ids = [...net.keys()].filter((id) => !fresh.some((a) => a.id === id));
  const stored: KnownAccount[] =
    ids.length === 0
      ? []
      : await ctx.db
          .select({
            id: ledgerAccounts.id,
            currency: ledgerAccounts.currency,
            mode: ledgerAccounts.mode,
            status: ledgerAccounts.status,
            type: ledgerAccounts.type,
            ownerId: ledgerAccounts.ownerId,
          })
          .from(ledgerAccounts)
          .where(inArray(ledgerAccounts.id, ids));
  const accounts = [...stored, ...fresh];
  for (const id of net.keys()) {
    const acct = accounts.find((a) => a.id === id);
    if (!acct) throw new LedgerError(`no ledger account ${id}`);
    if (acct.currency !== input.currency)
      throw new LedgerError(`account ${id} is in ${acct.currency}, not ${input.currency}`);
    if (acct.mode !== input.mode)
      throw new LedgerError(`account ${id} is ${acct.mode}; journals never cross modes`);
    if (acct.status !== 'open') throw new LedgerError(`account ${id} is closed`);
  }

  const journalId = ctx.ids.newId('jrn');
  const now = ctx.clock.now();
  // Prepared statements, one per row: every payment, refund and repayment posts a journal.
  const statements: BatchItem[] = [
    insertJournal(ctx.db, {
      id: journalId,
      mode: input.mode,
      kind: input.kind,
      referenceId: input.referenceId,
      description: input.description,
      // A context without one stores NULL, as the query builder did.
      requestId: ctx.requestId ?? null,
      createdAt: now,
    }),
    ...input.lines.map((line) =>
      insertEntry(ctx.db, {
        id: ctx.ids.newId('ent'),
        journalId,
        accountId: line.accountId,
        amount: line.debit !== undefined ? line.debit : -line.credit,
        currency: input.currency,
        createdAt: now,
      }),
    ),
  ];
  statements.push(...(await merchantMovements(ctx, input, journalId, net, accounts)));
  for (const [accountId, debit] of net) {
    if (debit === 0) continue;
    statements.push(boundStatement(balanceUpdate(ctx.db), { debit, credit: -debit, accountId }));
  }
  return { journalId, statements };
}

async function merchantMovements(
  ctx: Ctx,
  input: JournalInput,
  journalId: string,
  net: Map<string, number>,
  accounts: KnownAccount[],
): Promise<BatchItem[]> {
  const typeOf = (id: string) => accounts.find((a) => a.id === id)?.type;
  let fee = 0;
  for (const [id, debit] of net) if (typeOf(id) === 'fee_income') fee -= debit;
  const merchants = [...net].filter(([id, debit]) => debit !== 0 && typeOf(id) === 'merchant_settlement');
  if (merchants.length === 0) return [];
  const type = balanceTypeOf(input.kind);
  if (!type)
    throw new LedgerError(`a ${input.kind} journal has no balance transaction type for a merchant account`);
  if (merchants.length > 1 && fee !== 0)
    throw new LedgerError('a journal with a fee moves one merchant account at most');
  const out: BatchItem[] = [];
  for (const [accountId, debit] of merchants) {
    const appId = accounts.find((a) => a.id === accountId)?.ownerId ?? null;
    const clock = await merchantClock(ctx.db, ctx.clock, appId, input.mode, ctx.app);
    out.push(
      balanceTransactionStatement(ctx.db, ctx.ids, type, {
        mode: input.mode,
        journalId,
        kind: input.kind,
        source: input.referenceId,
        currency: input.currency,
        accountId,
        appId,
        net: -debit,
        fee,
        at: clock.now(),
      }),
    );
  }
  return out;
}

/** True when an error came from the no-overdraft CHECK, on libsql and on D1 alike. */
export function isOverdraftError(err: unknown): boolean {
  return errorChainIncludes(err, 'ledger_accounts_no_overdraft');
}

export function errorChainIncludes(err: unknown, needle: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; depth++) {
    if (e instanceof Error && e.message.includes(needle)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export async function balanceOf(db: Database, accountId: string): Promise<number | null> {
  const [row] = await db
    .select({ balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, accountId));
  return row?.balance ?? null;
}

export async function findAccount(
  db: Database,
  ownerType: 'bank' | 'customer' | 'app',
  ownerId: string,
  type: LedgerAccountType,
) {
  const [row] = await db
    .select()
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.ownerType, ownerType),
        eq(ledgerAccounts.ownerId, ownerId),
        eq(ledgerAccounts.type, type),
      ),
    );
  return row ?? null;
}

/**
 * The ledger's invariants, checked by SQL over the whole database. Returns what is violated
 * (empty when all hold). Tests call it after anything that moves money.
 */
export async function checkLedgerInvariants(db: Database): Promise<string[]> {
  const problems: string[] = [];
  const unbalanced = await db.all<{ journal_id: string; currency: string; total: number }>(sql`
    SELECT journal_id, currency, SUM(amount) AS total FROM journal_entries
    GROUP BY journal_id, currency HAVING SUM(amount) <> 0`);
  for (const r of unbalanced)
    problems.push(`journal ${r.journal_id} sums to ${r.total} ${r.currency}, not 0`);

  const thin = await db.all<{ id: string; n: number }>(sql`
    SELECT j.id AS id, COUNT(e.id) AS n FROM journals j LEFT JOIN journal_entries e ON e.journal_id = j.id
    GROUP BY j.id HAVING COUNT(e.id) < 2`);
  for (const r of thin) problems.push(`journal ${r.id} has ${r.n} entries; a journal needs at least two`);

  const drift = await db.all<{ id: string; balance: number; expected: number }>(sql`
    SELECT a.id AS id, a.balance AS balance,
      COALESCE(SUM(e.amount), 0) * (CASE a.normal_balance WHEN 'debit' THEN 1 ELSE -1 END) AS expected
    FROM ledger_accounts a LEFT JOIN journal_entries e ON e.account_id = a.id
    GROUP BY a.id HAVING a.balance <> expected`);
  for (const r of drift)
    problems.push(`account ${r.id} balance ${r.balance} ≠ sum of its entries ${r.expected}`);

  const mixed = await db.all<{ id: string }>(sql`
    SELECT e.id AS id FROM journal_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE e.currency <> a.currency`);
  for (const r of mixed) problems.push(`entry ${r.id} is not in its account's currency`);

  const sheet = await db.all<{ currency: string; mode: string; debits: number; credits: number }>(sql`
    SELECT currency, mode,
      SUM(CASE normal_balance WHEN 'debit' THEN balance ELSE 0 END) AS debits,
      SUM(CASE normal_balance WHEN 'credit' THEN balance ELSE 0 END) AS credits
    FROM ledger_accounts GROUP BY currency, mode HAVING debits <> credits`);
  for (const r of sheet) {
    problems.push(
      `${r.mode} ${r.currency}: debit-side balances ${r.debits} ≠ credit-side balances ${r.credits}`,
    );
  }

  const negative = await db.all<{ id: string; balance: number }>(sql`
    SELECT id, balance FROM ledger_accounts WHERE type IN ('customer_deposit', 'merchant_settlement') AND balance < 0`);
  for (const r of negative) problems.push(`account ${r.id} is overdrawn: ${r.balance}`);
  problems.push(...(await merchantInvariants(db)));
  return problems;
}

/**
 * DOMAIN.md "Merchant money": a merchant balance is the sum of its balance transactions' net, one
 * per movement; the bank's fee income is the sum of their fees; external clearing holds exactly
 * the payouts still pending.
 */
async function merchantInvariants(db: Database): Promise<string[]> {
  const problems: string[] = [];
  const unmatched = await db.all<{ id: string; balance: number; net: number }>(sql`
    SELECT a.id AS id, a.balance AS balance, COALESCE((SELECT SUM(t.net) FROM balance_transactions t
      WHERE t.account_id = a.id), 0) AS net
    FROM ledger_accounts a WHERE a.type = 'merchant_settlement' AND a.balance <> net`);
  for (const r of unmatched)
    problems.push(
      `merchant account ${r.id} balance ${r.balance} ≠ sum of its balance transactions' net ${r.net}`,
    );

  const untracked = await db.all<{ journal_id: string; account_id: string }>(sql`
    SELECT e.journal_id AS journal_id, e.account_id AS account_id FROM journal_entries e
    JOIN ledger_accounts a ON a.id = e.account_id AND a.type = 'merchant_settlement'
    LEFT JOIN balance_transactions t ON t.journal_id = e.journal_id AND t.account_id = e.account_id
    WHERE t.id IS NULL`);
  for (const r of untracked)
    problems.push(
      `journal ${r.journal_id} moves merchant account ${r.account_id} without a balance transaction`,
    );

  const fees = await db.all<{ mode: string; currency: string; balance: number; fees: number }>(sql`
    SELECT a.mode AS mode, a.currency AS currency, SUM(a.balance) AS balance,
      COALESCE((SELECT SUM(t.fee) FROM balance_transactions t WHERE t.mode = a.mode AND t.currency = a.currency), 0) AS fees
    FROM ledger_accounts a WHERE a.type = 'fee_income' GROUP BY a.mode, a.currency HAVING balance <> fees`);
  for (const r of fees)
    problems.push(
      `${r.mode} ${r.currency}: fee income ${r.balance} ≠ the fees of balance transactions ${r.fees}`,
    );

  const clearing = await db.all<{ mode: string; currency: string; balance: number; pending: number }>(sql`
    SELECT a.mode AS mode, a.currency AS currency, SUM(a.balance) AS balance,
      COALESCE((SELECT SUM(p.amount) FROM payouts p WHERE p.status = 'pending' AND p.mode = a.mode
        AND p.currency = a.currency), 0) AS pending
    FROM ledger_accounts a WHERE a.type = 'external_clearing' GROUP BY a.mode, a.currency HAVING balance <> pending`);
  for (const r of clearing)
    problems.push(`${r.mode} ${r.currency}: external clearing ${r.balance} ≠ pending payouts ${r.pending}`);
  return problems;
}
