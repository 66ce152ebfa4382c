import { and, eq, not, sql } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { apps, productSubscriptions } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { principalOf } from './internal/app-objects';
import { constraintFailed } from './internal/db-errors';
import {
  grantStatement,
  type SubscriptionObject,
  type SubscriptionRow,
  subscriptionObject,
} from './internal/subscriptions';

/**
 * Bank staff decide a requested subscription. Approval makes it active (granting its scopes when
 * it is in the app's mode); rejection keeps the note for the partner. Both leave an audit row in
 * the batch of the change, and only a `requested` row changes, so two reviewers cannot both decide.
 */
export async function decideSubscription({
  ctx,
  staff,
  input,
}: {
  ctx: ServiceContext;
  staff: { id: string };
  input: { id: string; decision: 'approve' | 'reject'; note?: string | undefined };
}): Promise<SubscriptionObject> {
  const [found] = await ctx.db
    .select({ sub: productSubscriptions, app: apps })
    .from(productSubscriptions)
    .innerJoin(apps, eq(apps.id, productSubscriptions.appId))
    .where(eq(productSubscriptions.id, input.id));
  if (!found) throw new ApiError('not_found', { detail: `No product subscription ${input.id}.` });
  if (found.sub.status !== 'requested')
    throw new ApiError('subscription_not_pending', {
      detail: `The subscription ${input.id} is ${found.sub.status}, not requested: it was already decided.`,
    });
  const now = ctx.clock.now();
  const decided: SubscriptionRow = {
    ...found.sub,
    status: input.decision === 'approve' ? 'active' : 'rejected',
    decidedBy: staff.id,
    decidedAt: now,
    note: input.note ?? null,
  };
  const mine = and(
    eq(productSubscriptions.id, input.id),
    eq(productSubscriptions.status, decided.status),
    eq(productSubscriptions.decidedBy, staff.id),
    eq(productSubscriptions.decidedAt, now),
  );
  const statements: BatchItem[] = [
    ctx.db
      .update(productSubscriptions)
      .set({ status: decided.status, decidedBy: staff.id, decidedAt: now, note: decided.note })
      .where(and(eq(productSubscriptions.id, input.id), eq(productSubscriptions.status, 'requested'))),
    // The guard: when another reviewer decided first, the row is not ours, and this NOT NULL
    // violation rolls the whole batch back: no grant, no audit row of a decision not taken.
    ctx.db
      .update(productSubscriptions)
      .set({ appId: sql`NULL` })
      .where(and(eq(productSubscriptions.id, input.id), not(mine!))),
  ];
  const grant = decided.status === 'active' ? grantStatement(ctx, found.app, decided) : null;
  if (grant) statements.push(grant);
  statements.push(
    auditStatement(
      { ...ctx, app: principalOf(found.app) },
      {
        actorType: 'bank',
        actorId: staff.id,
        action:
          input.decision === 'approve' ? 'product_subscription.approved' : 'product_subscription.rejected',
        targetType: 'product_subscription',
        targetId: input.id,
        details: { product: decided.product, mode: decided.mode, note: decided.note },
      },
    ),
  );
  try {
    await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  } catch (err) {
    if (constraintFailed(err, 'NOT NULL', 'product_subscriptions.app_id'))
      throw new ApiError('subscription_not_pending', {
        detail: `The subscription ${input.id} was decided by someone else a moment ago.`,
      });
    throw err;
  }
  return subscriptionObject(decided);
}
