import { eq } from 'drizzle-orm';
import { apps } from '../../../../db/schema';
import { HOUR_MS } from '../../../../platform/clock';
import type { Services } from '../../../../platform/context';
import type { LimitCheck } from '../../../../platform/rate-limit/enforce';

/**
 * The plan's limit on credit decisions (prequalifications, offers, draws) per customer per hour.
 * Counted per app and customer: the plan is the app's, and one partner's traffic must not use
 * up a customer's decisions at another. Null when the gateway runs without limits.
 */
export async function creditDecisionCheck(
  services: Pick<Services, 'db' | 'plans' | 'rateLimiter'>,
  appId: string,
  customerId: string,
  /** The app's plan, when the caller has it (requireAuth does): saves reading it. */
  knownPlan?: string,
): Promise<LimitCheck | null> {
  if (!services.rateLimiter || !services.plans) return null;
  let plan = knownPlan;
  if (plan === undefined) {
    const [app] = await services.db.select({ plan: apps.plan }).from(apps).where(eq(apps.id, appId));
    plan = app?.plan;
  }
  const limits = await services.plans.limits(plan ?? 'sandbox');
  return {
    name: 'credit-decisions',
    key: `credit-decisions:${appId}:${customerId}`,
    rule: { limit: limits.creditDecisionsPerCustomerPerHour, windowMs: HOUR_MS },
  };
}
