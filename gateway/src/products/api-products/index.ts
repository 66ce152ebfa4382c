import { newRouter } from '../../platform/http';
import { registerAdminRoutes } from './routes/admin';

/**
 * API products the bank's internal teams publish (DOMAIN.md "Published API products"): the
 * product teams' admin API, and the gateway that serves their operations (productGateway, mounted
 * by app.ts after every built-in route).
 */
export function apiProductsRouter() {
  const app = newRouter();
  registerAdminRoutes(app);
  return app;
}

export { productGateway } from './routes/gateway';
export { publishedScopeTexts } from './service/internal/scope-texts';
