import { newRouter } from '../../platform/http';
import { registerGetCreditScore } from './routes/get-credit-score';

export { type FeatureName, score } from './scorecard/scorecard';
export { extractFeatures, featureReads } from './service/extract-features';

export function creditScoresRouter() {
  const app = newRouter();
  registerGetCreditScore(app);
  return app;
}
