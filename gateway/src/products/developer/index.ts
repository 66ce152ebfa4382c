import { newRouter } from '../../platform/http';
import { registerUsageRoutes } from './routes/get-usage';

/** The developer API behind the portal's console. */
export function developerRouter() {
  const app = newRouter();
  registerUsageRoutes(app);
  return app;
}
