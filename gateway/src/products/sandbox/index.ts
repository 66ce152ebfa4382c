import { newRouter } from '../../platform/http';
import { registerCreateSandboxAuthorization } from './routes/create-authorization';

export function sandboxRouter() {
  const app = newRouter();
  registerCreateSandboxAuthorization(app);
  return app;
}
