import { newRouter } from '../../platform/http';
import { registerAccountRoutes } from './routes/accounts';
import { registerAdminRoutes } from './routes/admin';
import { registerAppRoutes } from './routes/apps';
import { registerUsageRoutes } from './routes/get-usage';
import { registerGoLiveRoutes } from './routes/go-live';
import { registerLimitOfferTakeUp } from './routes/limit-offer-take-up';
import { registerMerchantMoneyRoutes } from './routes/merchant-money';
import { registerReconcileMerchant } from './routes/reconcile-merchant';
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
  registerMerchantMoneyRoutes(app);
  registerSandboxRoutes(app);
  registerGoLiveRoutes(app);
  registerAdminRoutes(app);
  registerReconcileMerchant(app);
  registerLimitOfferTakeUp(app);
  return app;
}

/** The developer API's authentication, for other products' console operations. */
export { BANK_STAFF_SECURITY, DEVELOPER_SECURITY, requireBankStaff, requireDeveloper } from './auth';
