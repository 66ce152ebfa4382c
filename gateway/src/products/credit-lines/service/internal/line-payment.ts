import { and, asc, eq, inArray } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../../db/client';
import { creditLinePayments, creditLineStatements, repayments } from '../../../../db/schema';
import type { StatementStatus } from '../../../../db/schema/credit-lines';
import { type AuditDraft, auditStatement } from '../../../../platform/audit';
import type { ServiceContext } from '../../../../platform/context';
import { postJournal } from '../../../../platform/ledger';
import type { Currency } from '../../../../platform/money';
import { eventStatement } from '../../../../platform/outbox';
import { customerAccountStatement, lineUpdateStatement } from './line-writes';
import type { CreditLine } from './objects';
import { type CreditLinePayment, type CreditLineStatement, paymentObject } from './statement-objects';

type Ctx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId' | 'app'>;

/** Statements a payment can still count towards: not yet paid in full, or missed and short. */
const UNSETTLED: StatementStatus[] = ['open', 'minimum_paid', 'past_due', 'missed'];

export function unsettledStatements(db: Database, lineId: string): Promise<CreditLineStatement[]> {
  return db
    .select()
    .from(creditLineStatements)
    .where(and(eq(creditLineStatements.lineId, lineId), inArray(creditLineStatements.status, UNSETTLED)))
    .orderBy(asc(creditLineStatements.periodEnd));
}

/**
 * How a payment counts towards statements: first the unpaid minimums of past-due and missed
 * statements, oldest first (so arrears clear before anything else), then the newest statement up
 * to its balance. What is left counts towards the next statement only (its period's payments).
 * `only` sends the whole payment to one statement (autopay collects for the statement that fell due).
 */
export function allocate(
  statements: CreditLineStatement[],
  amount: number,
  only?: string,
): Map<string, number> {
  const shares = new Map<string, number>();
  let left = amount;
  const give = (s: CreditLineStatement, cap: number) => {
    const share = Math.min(left, Math.max(0, cap - s.paidTotal - (shares.get(s.id) ?? 0)));
    if (share <= 0) return;
    shares.set(s.id, (shares.get(s.id) ?? 0) + share);
    left -= share;
  };
  const newest = statements.at(-1);
  if (only) {
    const s = statements.find((x) => x.id === only);
    if (s) give(s, s.statementBalance);
    return shares;
  }
  for (const s of statements) if (s.status === 'past_due' || s.status === 'missed') give(s, s.minimumPayment);
  if (newest && newest.status !== 'missed') give(newest, newest.statementBalance);
  return shares;
}

/** A statement's status once `paid` has been paid towards it, at `lineBalance` owed on the line. */
function settledStatus(s: CreditLineStatement, paid: number, lineBalance: number): StatementStatus {
  // Before the due date the status waits for the due date; a missed minimum stays on the record.
  if (s.status === 'open' || s.status === 'missed') return s.status;
  if (paid >= s.statementBalance || lineBalance === 0) return 'paid';
  if (paid >= s.minimumPayment) return 'minimum_paid';
  return s.status;
}

/**
 * The writes of statements a payment (or the balance reaching 0) moved on: their paid total and
 * status, and their minimum's scorecard row paid at `at` once the minimum is covered or nothing is
 * owed any more. A minimum covered more than 30 days late stays a late payment (its paid_at says when).
 */
export function statementWrites(
  db: Database,
  statements: CreditLineStatement[],
  shares: Map<string, number>,
  lineBalance: number,
  at: Date,
): BatchItem[] {
  const out: BatchItem[] = [];
  for (const s of statements) {
    const share = shares.get(s.id) ?? 0;
    if (share === 0 && lineBalance > 0) continue;
    const paid = s.paidTotal + share;
    const status = settledStatus(s, paid, lineBalance);
    if (share > 0 || status !== s.status)
      out.push(
        db
          .update(creditLineStatements)
          .set({ paidTotal: paid, status })
          .where(and(eq(creditLineStatements.id, s.id), eq(creditLineStatements.paidTotal, s.paidTotal))),
      );
    const wasShort = s.paidTotal < s.minimumPayment;
    if (s.repaymentId && wasShort && (paid >= s.minimumPayment || lineBalance === 0))
      out.push(db.update(repayments).set({ paidAt: at }).where(eq(repayments.id, s.repaymentId)));
  }
  return out;
}

export interface LinePaymentDraft {
  line: CreditLine;
  amount: number;
  source: CreditLinePayment['source'];
  /** Business time of the payment (the sandbox clock in sandbox). */
  at: Date;
  id?: string;
  /** Autopay: the statement that fell due. */
  statementId?: string;
  audit: Pick<AuditDraft, 'actorType' | 'actorId'>;
}

/**
 * Everything one payment into a line writes, for the caller's ONE batch: the payment, the journal
 * (Dr the customer's deposit; Cr the line's receivable), the line's lower balance under its
 * optimistic lock, the scorecard's account, the statements it counts towards, the
 * `credit_line.payment_received` event and the audit row. The deposit's CHECK refuses an
 * overdraft, rolling the whole batch back.
 */
export async function linePaymentWrites(
  ctx: Ctx,
  draft: LinePaymentDraft,
): Promise<{ payment: CreditLinePayment; writes: BatchItem[] }> {
  const { line, amount, at } = draft;
  const statements = await unsettledStatements(ctx.db, line.id);
  const shares = allocate(statements, amount, draft.statementId);
  const towards = [...shares.keys()].at(-1) ?? draft.statementId ?? null;
  const payment: CreditLinePayment = {
    id: draft.id ?? ctx.ids.newId('clp'),
    lineId: line.id,
    statementId: towards,
    appId: line.appId,
    mode: line.mode,
    amount,
    currency: line.currency,
    source: draft.source,
    requestId: ctx.requestId,
    createdAt: at,
  };
  const journal = await postJournal(ctx, {
    mode: line.mode,
    kind: 'credit_line_payment',
    referenceId: payment.id,
    description: `Payment ${payment.id} into credit line ${line.id} (${draft.source})`,
    currency: line.currency as Currency,
    lines: [
      { accountId: line.depositAccountId, debit: amount },
      { accountId: line.receivableAccountId, credit: amount },
    ],
  });
  const balance = line.balance - amount;
  const writes: BatchItem[] = [
    ctx.db.insert(creditLinePayments).values(payment),
    ...journal.statements,
    lineUpdateStatement(ctx.db, line, { balance }),
    customerAccountStatement(ctx.db, line, { creditLimit: line.creditLimit, currentBalance: balance }),
    ...statementWrites(ctx.db, statements, shares, balance, at),
    eventStatement(ctx, {
      appId: line.appId,
      mode: line.mode,
      type: 'credit_line.payment_received',
      object: paymentObject(payment),
    }).statement,
    auditStatement(ctx, {
      ...draft.audit,
      action: 'credit_line.payment',
      targetType: 'credit_line_payment',
      targetId: payment.id,
      details: { line: line.id, amount, currency: line.currency, source: draft.source, statement: towards },
    }),
  ];
  return { payment, writes };
}
