import type { BatchItem } from '../../../../db/client';
import { ALL_GRANT_TYPES, apps, payoutAccounts, productSubscriptions } from '../../../../db/schema';
import { auditStatement } from '../../../../platform/audit';
import { bankAccountStatements } from '../../../../platform/bank-accounts';
import type { ServiceContext } from '../../../../platform/context';
import { openAccount } from '../../../../platform/ledger';
import { type ProductId, scopesWith } from '../../catalogue';
import { ownedApp } from './find-developer';
import type { GoLiveRow } from './go-live';

/** What a live app starts on: above the sandbox's limits (a plan row can raise them). */
export const LIVE_PLAN = 'standard';

/**
 * The writes that create an approved request's live credentials. A live app never has a client
 * secret (the token endpoint refuses client_secret_* for live apps) and always needs DPoP; its
 * merchant account is live, so no sandbox payment, balance transaction or payout can reach it.
 */
export async function liveAppStatements(
  ctx: ServiceContext,
  request: GoLiveRow,
  staffId: string,
): Promise<{ appId: string; statements: BatchItem[] }> {
  const sandbox = await ownedApp(
    ctx.db,
    { id: request.developerId, role: 'developer' },
    request.sandboxAppId,
  );
  const appId = ctx.ids.newId('app');
  const now = ctx.clock.now();
  const merchant = openAccount(ctx, {
    mode: 'live',
    type: 'merchant_settlement',
    currency: 'USD',
    ownerType: 'app',
    ownerId: appId,
  });
  const products = request.products as ProductId[];
  const principal = { id: appId, mode: 'live' as const, sandboxId: null, merchantAccountId: merchant.id };
  return {
    appId,
    statements: [
      ...bankAccountStatements(ctx, 'live', 'USD').statements,
      merchant.statement,
      ctx.db.insert(apps).values({
        id: appId,
        developerId: request.developerId,
        sandboxId: null,
        mode: 'live',
        name: sandbox.name,
        logoUri: sandbox.logoUri,
        merchantName: request.legalName,
        merchantAccountId: merchant.id,
        redirectUris: request.redirectUris,
        tokenEndpointAuthMethod: 'private_key_jwt',
        clientSecretHash: null,
        jwks: request.jwks,
        jwksUri: null,
        scopes: scopesWith([], products),
        grantTypes: ALL_GRANT_TYPES,
        dpopRequired: true,
        plan: LIVE_PLAN,
        createdAt: now,
      }),
      ctx.db.insert(payoutAccounts).values({
        appId,
        mode: 'live',
        accountNumber: request.payoutAccountNumber,
        holderName: request.payoutHolderName,
        updatedAt: now,
      }),
      ...products.map((product) =>
        ctx.db.insert(productSubscriptions).values({
          id: ctx.ids.newId('sub'),
          appId,
          product,
          mode: 'live',
          status: 'active',
          requestedBy: request.developerId,
          decidedBy: staffId,
          decidedAt: now,
          createdAt: now,
        }),
      ),
      auditStatement(
        { ...ctx, app: principal },
        {
          actorType: 'bank',
          actorId: staffId,
          action: 'app.created',
          targetType: 'app',
          targetId: appId,
          details: {
            mode: 'live',
            token_endpoint_auth_method: 'private_key_jwt',
            products,
            go_live: request.id,
          },
        },
      ),
    ],
  };
}
