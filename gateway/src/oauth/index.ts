import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import type { OAuthServices } from './context';
import { registerAccount } from './endpoints/account';
import { registerAuthorize } from './endpoints/authorize';
import { registerMetadata } from './endpoints/metadata';
import { registerPar } from './endpoints/par';
import { registerRegistration } from './endpoints/register';
import { registerRevokeAndIntrospect } from './endpoints/revoke-introspect';
import { registerToken } from './endpoints/token';
import { registerOAuthDocs } from './openapi';
import { PAGES_CSS, PAGES_CSS_PATH } from './pages/styles';

/**
 * The authorization server and the customer's account pages. Errors answer in RFC 6749 form.
 * An OpenAPIHono only so that the parent app takes the documented operations into its document.
 */
export function oauthRouter(oauth: OAuthServices) {
  const app = new OpenAPIHono<AppEnv>();
  registerOAuthDocs(app.openAPIRegistry);
  registerMetadata(app, oauth);
  registerPar(app);
  registerAuthorize(app);
  registerToken(app);
  registerRevokeAndIntrospect(app);
  registerRegistration(app);
  registerAccount(app);
  app.get(PAGES_CSS_PATH, (c) =>
    c.body(PAGES_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );
  return app;
}
