import { newRouter } from '../../platform/http';
import { registerGetHealth } from './routes/get-health';

export function healthRouter() {
  const app = newRouter();
  registerGetHealth(app);
  return app;
}
