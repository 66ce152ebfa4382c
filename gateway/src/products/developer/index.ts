import { newRouter } from '../../platform/http';
import { registerAccountRoutes } from './routes/accounts';
import { registerAdminRoutes } from './routes/admin';
import { registerAppRoutes } from './routes/apps';
import { registerUsageRoutes } from './routes/get-usage';
import { registerLimitOfferTakeUp } from './routes/limit-offer-take-up';
import { registerSandboxRoutes } from './routes/sandbox';
import { registerSubscriptionRoutes } from './routes/subscriptions';
import { registerTokenRoutes } from './routes/tokens';
import { registerWebhookRoutes } from './routes/webhooks';

/** The developer API behind the portal's console. */
export function developerRouter() {
  const app = newRouter();
  registerAccountRoutes(app);
  registerTokenRoutes(app);
  registerAppRoutes(app);
  registerUsageRoutes(app);
  registerSubscriptionRoutes(app);
  registerWebhookRoutes(app);
  registerSandboxRoutes(app);
  registerAdminRoutes(app);
  registerLimitOfferTakeUp(app);
  return app;
}

/** The developer API's authentication, for other products' console operations. */
export { DEVELOPER_SECURITY, requireDeveloper } from './auth';
