import { and, eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { creditLines } from '../../../db/schema';
import type { ConsentEnding } from '../../../oauth/consent-steps';
import { auditStatement } from '../../../platform/audit';
import { eventStatement } from '../../../platform/outbox';
import { customerAccountStatement, lineUpdateStatement } from './internal/line-writes';
import { lineObject } from './internal/objects';

/**
 * A line closes when the consent it was opened under ends (DOMAIN.md "Credit lines": the customer
 * closes it from /account/consents; the partner or the bank may revoke too; a credit_line consent
 * held with data details expires after 180 days): no new draws, while the balance still repays
 * through statements. Written in the revocation's or the expiry's batch, so an ended consent never
 * leaves an open line.
 *
 * The scorecard's credit_line account closes with it (closed_at): DOMAIN.md counts utilization
 * over open accounts only, so the line's limit and remaining balance leave utilization at once.
 * DOMAIN.md is silent on how a closed account with a balance is reported; as a credit bureau does,
 * it keeps reporting its balance (statements, interest and payments still update it) until paid,
 * then stays closed at zero. Its opening still counts in history_months.
 */
export const closeLinesOfConsent: ConsentEnding = async (ctx, consent, now) => {
  const open = await ctx.db
    .select()
    .from(creditLines)
    .where(and(eq(creditLines.consentId, consent.id), eq(creditLines.status, 'open')));
  const out: BatchItem[] = [];
  for (const line of open) {
    const closed = { ...line, status: 'closed' as const, closedAt: now, version: line.version + 1 };
    out.push(
      lineUpdateStatement(ctx.db, line, { status: 'closed', closedAt: now }),
      customerAccountStatement(ctx.db, line, {
        creditLimit: line.creditLimit,
        currentBalance: line.balance,
        closedAt: now,
      }),
      eventStatement(ctx, {
        appId: line.appId,
        mode: line.mode,
        type: 'credit_line.closed',
        object: lineObject(closed),
      }).statement,
      auditStatement(
        { ...ctx, app: null },
        {
          actorType: consent.revokedBy === 'partner' ? 'app' : (consent.revokedBy ?? 'system'),
          actorId:
            consent.revokedBy === 'partner'
              ? consent.appId
              : consent.revokedBy === 'customer'
                ? consent.customerId
                : null,
          action: 'credit_line.close',
          targetType: 'credit_line',
          targetId: line.id,
          details: {
            consent: consent.id,
            ended: consent.status,
            balance: line.balance,
            currency: line.currency,
          },
        },
      ),
    );
  }
  return out;
};
