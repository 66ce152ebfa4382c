import { goLiveRequests } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import type { CreateGoLiveRequestInput } from '../schemas';
import { principalOf } from './internal/app-objects';
import { constraintFailed } from './internal/db-errors';
import { ownedApp } from './internal/find-developer';
import { type GoLiveRequestObject, type GoLiveRow, goLiveObject } from './internal/go-live';

/**
 * A partner asks to take one of its sandbox apps live: the business, where payouts go, the
 * products and the live app's public keys, for bank staff to review. Nothing live exists until
 * they approve. One request per app is under review at a time (a partial unique index).
 */
export async function createGoLiveRequest({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string; role: string; email: string };
  input: CreateGoLiveRequestInput;
}): Promise<GoLiveRequestObject> {
  const app = await ownedApp(ctx.db, developer, input.app, 'write');
  if (app.mode !== 'sandbox')
    throw new ApiError('invalid_request', {
      detail: `${app.id} is already a live app: a go-live request names the sandbox app to take live.`,
      errors: [{ path: 'app', message: 'Must be a sandbox app.' }],
    });
  const row: GoLiveRow = {
    id: ctx.ids.newId('glr'),
    developerId: developer.id,
    sandboxAppId: app.id,
    legalName: input.legal_name,
    country: input.country,
    website: input.website,
    payoutAccountNumber: input.payout_account.account_number,
    payoutHolderName: input.payout_account.holder_name,
    products: [...new Set(input.products)],
    redirectUris: input.redirect_uris ?? app.redirectUris,
    jwks: input.jwks,
    status: 'requested',
    reason: null,
    decidedBy: null,
    decidedAt: null,
    liveAppId: null,
    createdAt: ctx.clock.now(),
  };
  try {
    await ctx.db.batch([
      ctx.db.insert(goLiveRequests).values(row),
      auditStatement(
        { ...ctx, app: principalOf(app) },
        {
          actorType: 'developer',
          actorId: developer.id,
          action: 'go_live_request.created',
          targetType: 'go_live_request',
          targetId: row.id,
          details: { products: row.products, country: row.country, last4: row.payoutAccountNumber.slice(-4) },
        },
      ),
    ]);
  } catch (err) {
    if (constraintFailed(err, 'UNIQUE', 'go_live_requests.sandbox_app_id'))
      throw new ApiError('go_live_request_exists', {
        detail: `${app.id} already has a go-live request waiting for review.`,
      });
    throw err;
  }
  return goLiveObject(row, developer.email);
}
