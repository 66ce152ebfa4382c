import type { MiddlewareHandler } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import type { Config } from './config';
import type { AppEnv } from './env';
import { oauthRouter } from './oauth';
import type { ConsentEndings } from './oauth/consent-steps';
import { createOAuthServices, type OAuthCapabilities } from './oauth/context';
import type { Services } from './platform/context';
import { corsMiddleware } from './platform/cors';
import { ApiError, problemResponse } from './platform/errors';
import {
  bodyLimitMiddleware,
  errorHandler,
  jsonBodyMiddleware,
  newRouter,
  responseHeadersMiddleware,
  usageMiddleware,
} from './platform/http';
import { openApiDocument, registerSecurityScheme } from './platform/openapi';
import { raises } from './platform/problems';
import { PlanStore } from './platform/rate-limit/plans';
import { SCOPES } from './platform/scopes';
import {
  apiProductsRouter,
  productGateway,
  publishedDocument,
  publishedScopeTexts,
} from './products/api-products';
import { consentsRouter } from './products/consents';
import {
  creditLinesRouter,
  registerCreditLineEndings,
  registerCreditLineStep,
} from './products/credit-lines';
import { creditScoresRouter } from './products/credit-scores';
import { developerRouter } from './products/developer';
import { eventsRouter } from './products/events';
import { fundsRouter } from './products/funds';
import { healthRouter } from './products/health';
import { loansRouter, registerCheckoutStep } from './products/loans';
import { merchantRouter } from './products/merchant';
import { paymentsRouter } from './products/payments';
import { sandboxRouter } from './products/sandbox';
import { webhookEndpointsRouter } from './products/webhook-endpoints';

/**
 * The gateway: a fixed chain of platform middleware, then the product routers. Runtime entries
 * (Node, Workers) build the services and call this; tests do the same with their own database.
 */
export function createApp(input: Services & OAuthCapabilities) {
  const services: Services & OAuthCapabilities = {
    ...input,
    plans: input.plans ?? new PlanStore(input.db, input.clock),
    publishedScopes: input.publishedScopes ?? ((scopes) => publishedScopeTexts(input.db, scopes)),
  };
  const app = newRouter();
  const oauth = createOAuthServices(services);
  registerCheckoutStep(oauth.consentSteps);
  registerCreditLineStep(oauth.consentSteps);
  registerConsentEndings(oauth.consentEndings);
  const provideServices = raises<MiddlewareHandler<AppEnv>>(async (c, next) => {
    c.set('services', services);
    c.set('oauth', oauth);
    await next();
  }, []);
  app.use('*', responseHeadersMiddleware, provideServices);
  app.use('*', corsMiddleware(services.config.PORTAL_ORIGIN));
  // Before metering and body limits, which a GET without a token never needs.
  app.route('/', healthRouter());
  app.use('*', usageMiddleware, bodyLimitMiddleware(services.config.MAX_BODY_BYTES));
  app.use('/v1/*', jsonBodyMiddleware);

  app.route('/', oauthRouter(oauth));
  app.route('/', consentsRouter());
  app.route('/', sandboxRouter());
  app.route('/', creditScoresRouter());
  app.route('/', developerRouter());
  app.route('/', paymentsRouter());
  app.route('/', fundsRouter());
  app.route('/', loansRouter());
  app.route('/', creditLinesRouter());
  app.route('/', merchantRouter());
  app.route('/', eventsRouter());
  app.route('/', webhookEndpointsRouter());
  app.route('/', apiProductsRouter());
  // Last: published products answer only paths no built-in route took.
  app.use('/v1/*', productGateway);
  registerSecurityScheme(app, services.config.PUBLIC_URL, SCOPES);

  // With the products published now: a partner's generator sees what this gateway serves.
  app.get('/openapi.json', async (c) =>
    c.json(
      await publishedDocument(services.db, (extend) =>
        openApiDocument(app, services.config.PUBLIC_URL, extend),
      ),
    ),
  );

  const methods = routeMethods(app);
  app.notFound((c) => {
    const allowed = methods(c.req.path);
    if (allowed.length > 0) {
      throw new ApiError('method_not_allowed', {
        detail: `${c.req.method} is not supported on ${c.req.path}; use ${allowed.join(', ')}.`,
        headers: { Allow: allowed.join(', ') },
      });
    }
    throw new ApiError('route_not_found', {
      detail: `No operation exists at ${c.req.method} ${c.req.path}.`,
    });
  });
  app.onError(errorHandler);
  return app;
}

export type GatewayApp = ReturnType<typeof createApp>;

/**
 * What products write when a consent ends, one list for both ways it ends: revoked (the app's
 * authorization server) and expired (the expiry job of the runtime loops and the sandbox clock).
 */
export function registerConsentEndings(endings: ConsentEndings): ConsentEndings {
  registerCreditLineEndings(endings);
  return endings;
}

/**
 * What a runtime answers while it listens but has not built the gateway yet (the Node entry
 * listens before its first-boot seeding, so that PORT=0 is known). Every answer is still a
 * problem with the headers every response carries, and says when to come back.
 */
export function createStartingApp(config: Pick<Config, 'DOCS_URL' | 'PORTAL_ORIGIN'>) {
  const app = newRouter();
  app.use('*', responseHeadersMiddleware, corsMiddleware(config.PORTAL_ORIGIN));
  app.all('*', (c) => {
    const starting = new ApiError('service_unavailable', {
      detail: 'The gateway is starting up. Retry after the number of seconds in Retry-After.',
      headers: { 'Retry-After': '1' },
    });
    return problemResponse(starting, config.DOCS_URL, c.get('requestId'));
  });
  return app;
}

/** For 405: which methods a path supports, from the routes the app registered. */
function routeMethods(app: { routes: { method: string; path: string }[] }) {
  let router: RegExpRouter<string> | null = null;
  return (path: string): string[] => {
    if (!router) {
      router = new RegExpRouter<string>();
      for (const r of app.routes) if (r.method !== 'ALL') router.add('ALL', r.path, r.method);
    }
    const [matches] = router.match('GET', path);
    const found = new Set<string>();
    for (const m of matches) found.add((m as [string, unknown])[0]);
    if (found.has('GET')) found.add('HEAD');
    return [...found].sort();
  };
}
