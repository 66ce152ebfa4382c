import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../../env';
import { requireAuth } from '../../../oauth/resource-server';
import { ApiError } from '../../../platform/errors';
import { parseJsonText } from '../../../platform/json-body';
import { raises } from '../../../platform/problems';
import type { Scope } from '../../../platform/scopes';
import { callProduct } from '../service/call-product';
import { routeTableOf } from '../service/internal/route-table';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The gateway in front of every published operation, mounted after the built-in routes: a path
 * no built-in route answered is looked up in the published products' route table (from the
 * database, cached briefly), so publishing or retiring needs no restart. The resource server
 * runs with the operation's scopes (token, DPoP, consent, plan limits); then callProduct.
 */
export const productGateway: MiddlewareHandler<AppEnv> = raises(async (c, next) => {
  const services = c.get('services');
  const table = routeTableOf(services);
  const found = await table.match(c.req.method, c.req.path);
  if (!found) return next();
  if ('allowed' in found)
    throw new ApiError('method_not_allowed', {
      detail: `${c.req.method} is not supported on ${c.req.path}; use ${found.allowed.join(', ')}.`,
      headers: { Allow: found.allowed.join(', ') },
    });
  const check = found.product.stable.checks.find(
    (k) => k.operation.method === found.method && k.operation.path === found.template,
  )!;
  c.set('operation', `${c.req.method} ${found.template}`);
  const authorize = requireAuth(...(check.operation.scopes as Scope[]));
  const oauth = c.get('oauth');
  await authorize(c, async () => {
    const app = c.get('app')!;
    const text = BODY_METHODS.has(c.req.method) ? await c.req.text() : '';
    const url = new URL(c.req.url);
    c.res = await callProduct({
      services,
      keys: oauth.keys,
      issuer: oauth.issuer,
      table,
      input: {
        match: found,
        caller: {
          appId: app.id,
          mode: app.mode,
          customerId: c.get('customer')?.id ?? null,
          consentId: c.get('consent')?.id ?? null,
          scopes: c.get('token')?.scopes ?? [],
        },
        request: {
          method: c.req.method,
          path: c.req.path,
          search: url.search,
          pathParams: found.pathParams,
          query: url.searchParams,
          headers: c.req.raw.headers,
          body: text ? parseJsonText(text) : undefined,
          idempotencyKey: c.req.header('Idempotency-Key'),
        },
        requestId: c.get('requestId'),
      },
    });
  });
  return c.res;
}, []);
