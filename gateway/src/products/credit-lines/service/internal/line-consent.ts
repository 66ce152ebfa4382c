import { CreditLineDetail } from '../../../../oauth/authorization-details';
import { findConsent } from '../../../../oauth/store/consents';
import type { ServiceContext } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';
import type { Money } from '../../../../platform/money';
import { findLine } from '../find-line';
import type { CreditLine } from './objects';

export interface LineUnderConsent {
  app: NonNullable<ServiceContext['app']>;
  line: CreditLine;
  /** The consent's max_draw_amount: no single draw may be larger. */
  maxDraw: Money;
}

/**
 * A draw or a refund acts on the line of the token's own credit_line consent: a customer token,
 * its consent holding a credit_line detail, the line opened under that consent.
 */
export async function lineUnderConsent(ctx: ServiceContext, lineId: string): Promise<LineUnderConsent> {
  if (!ctx.app) throw new ApiError('unauthorized');
  const consent = ctx.consent && ctx.customer ? await findConsent(ctx.db, ctx.consent.id) : null;
  const detail = consent?.authorizationDetails
    .map((d) => CreditLineDetail.safeParse(d))
    .find((p) => p.success)?.data;
  if (!consent || consent.appId !== ctx.app.id || !detail)
    throw new ApiError('forbidden', {
      detail:
        'Draws act for a customer: use an access token issued under the customer’s credit_line consent (the one the line was opened with).',
    });
  const line = await findLine(ctx, lineId);
  return { app: ctx.app, line, maxDraw: detail.max_draw_amount as Money };
}
