import type { z } from '@hono/zod-openapi';
import { rfc3339 } from '../../../platform/clock';
import { commit, type ServiceResponse } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { type Currency, isCurrency, type Money } from '../../../platform/money';
import { eligiblePlans, minorUnits, POLICY } from '../decision/policy';
import type { CreatePrequalificationBody } from '../schemas';
import type { RequestOrigin } from './create-loan-offers';
import { decideCheckout, decidingApp } from './decide-checkout';
import {
  consentedCustomer,
  creditScoreDetail,
  creditScorePurpose,
  creditTerms,
} from './internal/consent-terms';
import { loadApplicant } from './internal/credit-profile';
import { visibleLimit, visibleReasons } from './internal/minimize';

/**
 * Prequalification: whether checkout credit would be offered, the indicative limit and APR range,
 * decided by the same engine on a SOFT inquiry, which never affects the score. Not an
 * application: no risk context is assessed, no offer is made, and it does not count towards
 * velocity. Without an amount (and no checkout_credit consent to take one from) it asks about the
 * smallest purchase every APR tier finances, 100.00, and reports every plan some amount within
 * the limit could get. Stored like every decision. Under a `band` credit_score consent the
 * answer is minimized (./minimize.ts): no key factors, the limit floored to a coarse rung.
 */
export async function createPrequalification({
  ctx,
  input,
  origin,
}: {
  ctx: ServiceContext;
  input: z.output<typeof CreatePrequalificationBody>;
  origin: RequestOrigin;
}): Promise<ServiceResponse<PrequalificationObject>> {
  const { consent, customerId, app } = await consentedCustomer(ctx, 'credit_score or checkout_credit');
  const terms = creditTerms(consent);
  const checkout = terms?.kind === 'checkout_credit' ? terms : null;
  const scorePurpose = creditScorePurpose(consent);
  if (!checkout && !scorePurpose)
    throw new ApiError('forbidden', {
      detail:
        'Prequalification needs an access token issued under a credit_score or checkout_credit consent.',
    });
  const applicant = await loadApplicant(ctx.db, customerId);
  const asked: Money | null = (input.amount as Money | undefined) ?? checkout?.amount ?? null;
  const currency = (asked?.currency ??
    (isCurrency(applicant.currency) ? applicant.currency : 'USD')) as Currency;
  const decided = await decideCheckout(ctx, {
    kind: 'prequalification',
    channel: 'api',
    app: await decidingApp(ctx.db, app),
    customerId,
    consentId: consent.id,
    parRequestId: null,
    amount: asked?.amount ?? minorUnits(POLICY.installments.minMajor, currency),
    currency,
    orderReference: checkout?.orderReference ?? null,
    jkt: origin.jkt,
    requestCountry: origin.country,
    purpose: scorePurpose ?? 'checkout_credit',
  });
  const { engine, record } = decided;
  const prequalified = engine.decision === 'approved';
  let plans: string[] = [];
  if (prequalified && asked) plans = engine.offers.map((o) => o.plan);
  else if (prequalified) {
    // Every plan some purchase within the limit would qualify for (affordability is per purchase).
    const probe = Math.min(engine.limit, minorUnits(POLICY.payIn4.maxMajor, currency));
    plans = eligiblePlans({ product: 'checkout_credit', amount: probe, currency, pd: record.pd ?? 1 }).map(
      (p) => p.plan,
    );
  }
  const detail = creditScoreDetail(consent);
  const aprs = plans.map((p) => (p === 'pay_in_4' ? 0 : (engine.apr_tier ?? 0)));
  const body = {
    id: record.id,
    object: 'prequalification' as const,
    prequalified,
    amount: asked,
    limit: { amount: visibleLimit(engine.limit, currency, detail), currency },
    apr_range: aprs.length > 0 ? { min: Math.min(...aprs), max: Math.max(...aprs) } : null,
    plans: plans as PrequalificationObject['plans'],
    reasons: visibleReasons(record.reasons, detail),
    model_version: record.modelVersion,
    experiment_arm: record.experimentArm,
    livemode: record.mode === 'live',
    created_at: rfc3339(record.createdAt),
  };
  return commit(ctx, decided.statements, { status: 201, body });
}

export interface PrequalificationObject {
  id: string;
  object: 'prequalification';
  prequalified: boolean;
  amount: Money | null;
  limit: Money;
  apr_range: { min: number; max: number } | null;
  plans: ('pay_in_4' | 'installments_3' | 'installments_6' | 'installments_12')[];
  reasons: { code: string; text: string }[];
  model_version: string | null;
  experiment_arm: 'champion' | 'challenger';
  livemode: boolean;
  created_at: string;
}
