import { newRouter } from '../../platform/http';
import { registerAdvanceSandboxClock } from './routes/advance-clock';
import { registerCreateSandboxAuthorization } from './routes/create-authorization';

export function sandboxRouter() {
  const app = newRouter();
  registerCreateSandboxAuthorization(app);
  registerAdvanceSandboxClock(app);
  return app;
}
