import { eq } from 'drizzle-orm';
import { apps, creditInquiries, customers } from '../../../db/schema';
import { findConsent } from '../../../oauth/store/consents';
import { auditStatement } from '../../../platform/audit';
import { rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { businessClock } from '../../../platform/sandbox-clock';
import { score } from '../scorecard/scorecard';
import { extractFeatures } from './extract-features';

interface CreditScoreDetail {
  type: 'credit_score';
  purpose: string;
  detail: 'band' | 'full';
}

/**
 * The score of the customer behind the token, under a `credit_score` consent. `band` consents get
 * the band only: the score, pd and reasons never leave. Every pull is a soft inquiry the customer
 * can see; it never affects the score.
 */
export async function getCreditScore({ ctx }: { ctx: ServiceContext }) {
  if (!ctx.app || !ctx.customer || !ctx.consent) throw new ApiError('unauthorized');
  const consent = await findConsent(ctx.db, ctx.consent.id);
  const detail = (consent?.authorizationDetails ?? []).find((d) => d.type === 'credit_score') as
    | CreditScoreDetail
    | undefined;
  if (!detail) {
    throw new ApiError('forbidden', {
      detail: 'The consent does not cover credit scores: ask for a credit_score authorization detail.',
    });
  }
  const [customer] = await ctx.db
    .select({ frozen: customers.creditFrozen })
    .from(customers)
    .where(eq(customers.id, ctx.customer.id));
  if (!customer) throw new ApiError('not_found');
  if (customer.frozen) throw new ApiError('credit_frozen');
  const asOf = (await businessClock(ctx)).now();
  const { features } = await extractFeatures({ db: ctx.db, customerId: ctx.customer.id, asOf });
  const result = score(features);
  const [app] = await ctx.db.select({ name: apps.name }).from(apps).where(eq(apps.id, ctx.app.id));
  const inquiryId = ctx.ids.newId('inq');
  await ctx.db.batch([
    ctx.db.insert(creditInquiries).values({
      id: inquiryId,
      customerId: ctx.customer.id,
      kind: 'soft',
      appId: ctx.app.id,
      requester: app?.name ?? ctx.app.id,
      purpose: detail.purpose,
      createdAt: asOf,
    }),
    auditStatement(ctx, {
      actorType: 'app',
      actorId: ctx.app.id,
      action: 'credit_score.read',
      targetType: 'customer',
      targetId: ctx.customer.id,
      details: {
        consent: ctx.consent.id,
        detail: detail.detail,
        purpose: detail.purpose,
        inquiry: inquiryId,
        model_version: result.model_version,
      },
    }),
  ]);
  const base = {
    object: 'credit_score' as const,
    band: result.band,
    model_version: result.model_version,
    as_of: rfc3339(asOf),
  };
  return detail.detail === 'full' ? { ...base, score: result.score, reasons: result.reasons } : base;
}
