import { and, eq, not, sql } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { goLiveRequests } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { developerById } from './internal/accounts';
import { constraintFailed } from './internal/db-errors';
import { type GoLiveRequestObject, type GoLiveRow, goLiveById, goLiveObject } from './internal/go-live';
import { liveAppStatements } from './internal/live-app';

export type GoLiveDecision =
  | { decision: 'approve'; note?: string | undefined }
  | { decision: 'reject'; reason: string };

/**
 * Bank staff decide a go-live request. Approval creates the live credentials in the batch of the
 * decision: a live app (private_key_jwt with the request's keys, DPoP, no client secret) with
 * its own live merchant account, the registered payout account and active live subscriptions.
 * Rejection keeps the reason for the partner. Only a `requested` row changes, so two reviewers
 * cannot both decide (and a request is never approved twice).
 */
export async function decideGoLiveRequest({
  ctx,
  staff,
  input,
}: {
  ctx: ServiceContext;
  staff: { id: string };
  input: { id: string } & GoLiveDecision;
}): Promise<GoLiveRequestObject> {
  const found = await goLiveById(ctx.db, input.id);
  if (!found) throw new ApiError('not_found', { detail: `No go-live request ${input.id}.` });
  if (found.status !== 'requested')
    throw new ApiError('go_live_request_not_pending', {
      detail: `The go-live request ${input.id} is ${found.status}, not requested: it was already decided.`,
    });
  const now = ctx.clock.now();
  const live = input.decision === 'approve' ? await liveAppStatements(ctx, found, staff.id) : null;
  const decided: GoLiveRow = {
    ...found,
    status: live ? 'approved' : 'rejected',
    reason: input.decision === 'reject' ? input.reason : (input.note ?? null),
    decidedBy: staff.id,
    decidedAt: now,
    liveAppId: live?.appId ?? null,
  };
  const mine = and(
    eq(goLiveRequests.id, input.id),
    eq(goLiveRequests.status, decided.status),
    eq(goLiveRequests.decidedBy, staff.id),
    eq(goLiveRequests.decidedAt, now),
  );
  const statements: BatchItem[] = [
    ctx.db
      .update(goLiveRequests)
      .set({
        status: decided.status,
        reason: decided.reason,
        decidedBy: staff.id,
        decidedAt: now,
        liveAppId: decided.liveAppId,
      })
      .where(and(eq(goLiveRequests.id, input.id), eq(goLiveRequests.status, 'requested'))),
    // When another reviewer decided first the row is not ours: this NOT NULL violation rolls the
    // whole batch back, the live app with it.
    ctx.db
      .update(goLiveRequests)
      .set({ developerId: sql`NULL` })
      .where(and(eq(goLiveRequests.id, input.id), not(mine!))),
    ...(live?.statements ?? []),
    auditStatement(
      { ...ctx, app: null },
      {
        actorType: 'bank',
        actorId: staff.id,
        action: live ? 'go_live_request.approved' : 'go_live_request.rejected',
        targetType: 'go_live_request',
        targetId: input.id,
        details: {
          sandbox_app: found.sandboxAppId,
          live_app: decided.liveAppId,
          products: found.products,
          reason: decided.reason,
        },
      },
    ),
  ];
  try {
    await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  } catch (err) {
    if (constraintFailed(err, 'NOT NULL', 'go_live_requests.developer_id'))
      throw new ApiError('go_live_request_not_pending', {
        detail: `The go-live request ${input.id} was decided by someone else a moment ago.`,
      });
    throw err;
  }
  const owner = await developerById(ctx.db, found.developerId);
  return goLiveObject(decided, owner?.email ?? '');
}
