import { and, desc, eq } from 'drizzle-orm';
import type { BatchItem, Database } from '../../../../db/client';
import type { AutopayChoice } from '../../../../db/schema';
import { creditDecisions } from '../../../../db/schema';
import type { AppPrincipal, ServiceContext } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';
import type { Currency } from '../../../../platform/money';
import { decidingApp } from '../../../loans';
import { type CreditDecision, type DecisionDeps, decideOpening } from './decide';
import { type LineOpening, openLine } from './open-line';

/**
 * Opening a line on the consent page: the decision is made for the signed-in customer when the page
 * first shows the line, then kept for that authorization request, so every render and the final
 * approval see the same limit and APR.
 */

export interface OpeningRequest {
  app: AppPrincipal;
  customerId: string;
  /** The pushed request's id; null for the sandbox shortcut (decided and opened at once). */
  parRequestId: string | null;
  maxDraw: { amount: number; currency: Currency };
  jkt: string | null;
  country: string | null;
}

/** The opening decision already made for this authorization request and customer, if any. */
export async function existingOpeningDecision(
  db: Database,
  input: { app: AppPrincipal; customerId: string; parRequestId: string },
): Promise<CreditDecision | null> {
  const [decision] = await db
    .select()
    .from(creditDecisions)
    .where(
      and(
        eq(creditDecisions.parRequestId, input.parRequestId),
        eq(creditDecisions.customerId, input.customerId),
        eq(creditDecisions.appId, input.app.id),
        eq(creditDecisions.kind, 'line_opening'),
      ),
    )
    .orderBy(desc(creditDecisions.createdAt))
    .limit(1);
  return decision ?? null;
}

/** Decides the opening now (channel `consent_page`); the caller writes `statements`. */
export async function decideOpeningFor(
  deps: DecisionDeps,
  input: OpeningRequest,
): Promise<{ decision: CreditDecision; statements: BatchItem[] }> {
  const app = await decidingApp(deps.db, input.app);
  if (app.settlementCurrency !== input.maxDraw.currency)
    throw new ApiError('invalid_request', {
      detail: `${app.name} cannot take credit-line payments in ${input.maxDraw.currency}. Go back to ${app.name}.`,
    });
  const decided = await decideOpening(deps, {
    channel: 'consent_page',
    app,
    customerId: input.customerId,
    consentId: null,
    parRequestId: input.parRequestId,
    amount: input.maxDraw.amount,
    currency: input.maxDraw.currency,
    orderReference: null,
    jkt: input.jkt,
    requestCountry: input.country,
  });
  return { decision: decided.record, statements: decided.statements };
}

/** The page's decision: the stored one, or one decided and stored now. */
export async function decisionForPage(deps: DecisionDeps, input: OpeningRequest & { parRequestId: string }) {
  const existing = await existingOpeningDecision(deps.db, input);
  if (existing) return existing;
  const decided = await decideOpeningFor(deps, input);
  await deps.db.batch(decided.statements as [BatchItem, ...BatchItem[]]);
  return decided.decision;
}

/** The customer accepted: the line as it opens, with its writes for the consent's batch. */
export async function openingAccepted(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>,
  input: {
    app: AppPrincipal;
    customerId: string;
    decision: CreditDecision;
    instantBoost: boolean;
    autopay: AutopayChoice;
  },
): Promise<LineOpening> {
  return openLine(ctx, { ...input, app: await decidingApp(ctx.db, input.app) });
}
