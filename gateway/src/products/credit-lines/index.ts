import { newRouter } from '../../platform/http';

export { registerCreditLineStep } from './consent-step/line-step';

/** Credit lines: opening (on the consent page), reading, draws and their refunds. */
export function creditLinesRouter() {
  const app = newRouter();
  return app;
}
