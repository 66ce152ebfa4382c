import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { type PlanLimits, plans } from '../../db/schema';
import type { Clock } from '../clock';

/** Defaults when the plans table has no row for a plan; a row overrides them without a deploy. */
export const DEFAULT_PLANS: Record<string, PlanLimits> = {
  sandbox: { requestsPerSecond: 25, dailyQuota: 100_000, creditDecisionsPerCustomerPerHour: 30 },
  standard: { requestsPerSecond: 100, dailyQuota: 1_000_000, creditDecisionsPerCustomerPerHour: 60 },
  premium: { requestsPerSecond: 500, dailyQuota: 10_000_000, creditDecisionsPerCustomerPerHour: 120 },
};

/** Brute-force limits of the bank's own pages and the token endpoint (not plan-dependent). */
export const AUTH_LIMITS = {
  loginPerIpPerMinute: 30,
  loginPerAccountPerMinute: 5,
  otpPerSessionPerMinute: 5,
  tokenPerClientPerMinute: 120,
  tokenPerIpPerMinute: 300,
};

const CACHE_MS = 5_000;

/**
 * Plans are data, read through a short cache: a change takes effect within five seconds on every
 * instance, with no restart and no read per request.
 */
export class PlanStore {
  #cache = new Map<string, { at: number; limits: PlanLimits }>();
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async limits(plan: string): Promise<PlanLimits> {
    const now = this.clock.now().getTime();
    const hit = this.#cache.get(plan);
    if (hit && now - hit.at < CACHE_MS) return hit.limits;
    const [row] = await this.db.select({ limits: plans.limits }).from(plans).where(eq(plans.id, plan));
    const limits = { ...(DEFAULT_PLANS[plan] ?? DEFAULT_PLANS.sandbox!), ...(row?.limits ?? {}) };
    this.#cache.set(plan, { at: now, limits });
    return limits;
  }

  async set(plan: string, limits: PlanLimits): Promise<void> {
    await this.db
      .insert(plans)
      .values({ id: plan, name: plan, limits, updatedAt: this.clock.now() })
      .onConflictDoUpdate({ target: plans.id, set: { limits, updatedAt: this.clock.now() } });
    this.#cache.delete(plan);
  }
}
