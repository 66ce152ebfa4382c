import { newRouter } from '../../platform/http';
import { registerGetConsent } from './routes/get-consent';
import { registerRevokeConsent } from './routes/revoke-consent';

export function consentsRouter() {
  const app = newRouter();
  registerGetConsent(app);
  registerRevokeConsent(app);
  return app;
}
/** The object consent events carry (webhook-endpoints builds example payloads from it). */
export { ConsentSchema } from './schemas';
