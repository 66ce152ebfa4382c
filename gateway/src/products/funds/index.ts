import { newRouter } from '../../platform/http';
import { registerCreateFundsConfirmation } from './routes/create-funds-confirmation';

export function fundsRouter() {
  const app = newRouter();
  registerCreateFundsConfirmation(app);
  return app;
}
