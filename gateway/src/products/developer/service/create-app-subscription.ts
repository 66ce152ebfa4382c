import { and, eq } from 'drizzle-orm';
import type { BatchItem } from '../../../db/client';
import { productSubscriptions } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { ProductId } from '../catalogue';
import { principalOf } from './internal/app-objects';
import { constraintFailed } from './internal/db-errors';
import { ownedApp } from './internal/find-developer';
import {
  grantStatement,
  type SubscriptionObject,
  type SubscriptionRow,
  subscriptionObject,
} from './internal/subscriptions';

/**
 * Subscribes an app to a product: in sandbox at once (its scopes join the app's), in live as a
 * request for bank staff to review. A rejected request may be made again.
 */
export async function createAppSubscription({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string; role: string };
  input: { id: string; product: ProductId; mode: 'sandbox' | 'live' };
}): Promise<SubscriptionObject> {
  const app = await ownedApp(ctx.db, developer, input.id, 'write');
  const [existing] = await ctx.db
    .select()
    .from(productSubscriptions)
    .where(
      and(
        eq(productSubscriptions.appId, app.id),
        eq(productSubscriptions.product, input.product),
        eq(productSubscriptions.mode, input.mode),
      ),
    );
  if (existing && existing.status !== 'rejected')
    throw new ApiError('subscription_exists', {
      detail: `The app’s ${input.mode} subscription to ${input.product} is already ${existing.status} (${existing.id}).`,
    });
  const now = ctx.clock.now();
  const sandbox = input.mode === 'sandbox';
  const sub: SubscriptionRow = {
    id: existing?.id ?? ctx.ids.newId('sub'),
    appId: app.id,
    product: input.product,
    mode: input.mode,
    status: sandbox ? 'active' : 'requested',
    requestedBy: developer.id,
    decidedBy: null,
    decidedAt: sandbox ? now : null,
    note: null,
    createdAt: existing?.createdAt ?? now,
  };
  const statements: BatchItem[] = [
    existing
      ? ctx.db
          .update(productSubscriptions)
          .set(sub)
          .where(and(eq(productSubscriptions.id, existing.id), eq(productSubscriptions.status, 'rejected')))
      : ctx.db.insert(productSubscriptions).values(sub),
  ];
  const grant = sub.status === 'active' ? grantStatement(ctx, app, sub) : null;
  if (grant) statements.push(grant);
  statements.push(
    auditStatement(
      { ...ctx, app: principalOf(app) },
      {
        actorType: 'developer',
        actorId: developer.id,
        action: sandbox ? 'product_subscription.activated' : 'product_subscription.requested',
        targetType: 'product_subscription',
        targetId: sub.id,
        details: { product: sub.product, mode: sub.mode },
      },
    ),
  );
  try {
    await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  } catch (err) {
    if (constraintFailed(err, 'UNIQUE', 'product_subscriptions.app_id'))
      throw new ApiError('subscription_exists', {
        detail: `The app already has a ${input.mode} subscription to ${input.product}.`,
      });
    throw err;
  }
  return subscriptionObject(sub);
}
