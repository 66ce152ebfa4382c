import { newRouter } from '../../platform/http';
import { registerGetCreditScore } from './routes/get-credit-score';

export function creditScoresRouter() {
  const app = newRouter();
  registerGetCreditScore(app);
  return app;
}
