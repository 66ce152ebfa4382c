import { newRouter } from '../../platform/http';
import { registerAdvanceSandboxClock } from './routes/advance-clock';
import { registerCreateSandboxAuthorization } from './routes/create-authorization';

export { advanceSandboxClock } from './service/advance-sandbox-clock';

export function sandboxRouter() {
  const app = newRouter();
  registerCreateSandboxAuthorization(app);
  registerAdvanceSandboxClock(app);
  return app;
}
