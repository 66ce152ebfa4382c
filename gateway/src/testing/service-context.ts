import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { apps, consents } from '../db/schema';
import type { Clock } from '../platform/clock';
import { DAY_MS } from '../platform/clock';
import { type AppPrincipal, randomIds, type ServiceContext, type Services } from '../platform/context';
import { silentLogger } from '../platform/logger';
import type { TestGateway } from './harness';
import type { CustomerAccess } from './oauth';

/** What the service-level tests need of a test gateway (Node or D1). */
interface ServiceGateway {
  services: Services;
  clock: Clock;
}

/** An app as the principal a route puts in the context, for calling services directly. */
export async function appPrincipal(db: Services['db'], appId: string): Promise<AppPrincipal> {
  const [row] = await db.select().from(apps).where(eq(apps.id, appId));
  return {
    id: row!.id,
    mode: row!.mode,
    sandboxId: row!.sandboxId,
    merchantAccountId: row!.merchantAccountId,
  };
}

/** An authorised consent of `app` for `customerId`, valid a day. */
export async function authorisedConsent(
  gw: ServiceGateway,
  input: {
    app: AppPrincipal;
    customerId: string;
    scopes: string[];
    authorizationDetails: Record<string, unknown>[];
  },
): Promise<string> {
  const id = randomIds.newId('csn');
  const now = gw.clock.now();
  await gw.services.db.insert(consents).values({
    id,
    appId: input.app.id,
    customerId: input.customerId,
    mode: 'sandbox',
    scopes: input.scopes,
    authorizationDetails: input.authorizationDetails,
    status: 'authorised',
    createdAt: now,
    authorisedAt: now,
    expiresAt: new Date(now.getTime() + DAY_MS),
    revokedAt: null,
    revokedBy: null,
    consumedAt: null,
  });
  return id;
}

/** The context a route would build for `app` acting under the customer's consent. */
export function serviceContextFor(
  gw: ServiceGateway,
  input: { app: AppPrincipal; customerId: string; consentId: string; db?: Services['db'] },
): ServiceContext {
  return {
    db: input.db ?? gw.services.db,
    clock: gw.clock,
    ids: gw.services.ids,
    logger: silentLogger,
    requestId: randomIds.newId('req'),
    mode: 'sandbox',
    app: input.app,
    customer: { id: input.customerId },
    consent: { id: input.consentId },
    idempotency: null,
  };
}

/** A service context for calling a verb directly, as `access` would through the API. */
export async function serviceContextOfAccess(
  gw: TestGateway,
  access: CustomerAccess,
  db: Database = gw.services.db,
): Promise<ServiceContext> {
  const [consent] = await gw.services.db.select().from(consents).where(eq(consents.id, access.consentId));
  return serviceContextFor(gw, {
    app: await appPrincipal(gw.services.db, access.app.id),
    customerId: consent!.customerId!,
    consentId: access.consentId,
    db,
  });
}
