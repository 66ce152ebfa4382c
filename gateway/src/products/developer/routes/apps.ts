import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { ListQuerySchema } from '../../../platform/pagination';
import { serviceContext } from '../../../platform/request';
import { DEVELOPER_SECURITY, requireDeveloper } from '../auth';
import {
  AppIdParam,
  AppListSchema,
  AppSchema,
  AppWithSecretSchema,
  CreateAppBody,
  CsrfHeader,
  UpdateAppBody,
} from '../schemas';
import { createDeveloperApp } from '../service/create-developer-app';
import { getApp } from '../service/get-app';
import { listApps } from '../service/list-apps';
import { rotateAppSecret } from '../service/rotate-app-secret';
import { updateApp } from '../service/update-app';

export const listAppsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/apps',
    operationId: 'listApps',
    tags: ['Developer'],
    summary: 'List your apps',
    description: 'Your apps, newest first, a page at a time. Bank staff see every partner’s apps.',
    security: DEVELOPER_SECURITY,
    middleware: [requireDeveloper] as const,
    request: { query: ListQuerySchema },
    responses: {
      200: { description: 'A page of apps.', content: { 'application/json': { schema: AppListSchema } } },
    },
  }),
);

export const createAppRoute = createRoute(
  withProblems({
    method: 'post',
    path: '/v1/developer/apps',
    operationId: 'createApp',
    tags: ['Developer'],
    summary: 'Create a sandbox app',
    description:
      'Registers a sandbox app (an OAuth client) in your sandbox world. `client_secret_basic` (the default) returns the client secret in this response only — store it now; `private_key_jwt` needs `jwks` or `jwks_uri`. The app is subscribed at once to the sandbox `products` you name (default: all), whose scopes it may then request.',
    security: DEVELOPER_SECURITY,
    middleware: [requireDeveloper] as const,
    request: {
      headers: CsrfHeader,
      body: { required: true, content: { 'application/json': { schema: CreateAppBody } } },
    },
    responses: {
      201: {
        description: 'The app, with its client secret (shown only here).',
        content: { 'application/json': { schema: AppWithSecretSchema } },
      },
    },
  }),
);

export const getAppRoute = createRoute(
  withProblems(
    {
      method: 'get',
      path: '/v1/developer/apps/{id}',
      operationId: 'getApp',
      tags: ['Developer'],
      summary: 'Retrieve an app',
      description: 'One of your apps: its settings and scopes. Never its client secret.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: { params: AppIdParam },
      responses: {
        200: { description: 'The app.', content: { 'application/json': { schema: AppSchema } } },
      },
    },
    'not_found',
  ),
);

export const updateAppRoute = createRoute(
  withProblems(
    {
      method: 'patch',
      path: '/v1/developer/apps/{id}',
      operationId: 'updateApp',
      tags: ['Developer'],
      summary: 'Update an app',
      description:
        'Changes the name, logo, redirect URIs (the whole list: exact match, https or loopback http) or keys of one of your apps. `jwks` and `jwks_uri` are alternatives: setting one clears the other.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: {
        params: AppIdParam,
        headers: CsrfHeader,
        body: { required: true, content: { 'application/json': { schema: UpdateAppBody } } },
      },
      responses: {
        200: { description: 'The updated app.', content: { 'application/json': { schema: AppSchema } } },
      },
    },
    'forbidden',
    'not_found',
  ),
);

export const rotateAppSecretRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/apps/{id}/rotate-secret',
      operationId: 'rotateAppSecret',
      tags: ['Developer'],
      summary: 'Rotate an app’s client secret',
      description:
        'Issues a new client secret, shown in this response only. The previous secret keeps authenticating for 24 hours so you can deploy the new one without downtime; rotating again within that time retires it.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: { params: AppIdParam, headers: CsrfHeader },
      responses: {
        200: {
          description: 'The app with its new client secret (shown only here).',
          content: { 'application/json': { schema: AppWithSecretSchema } },
        },
      },
    },
    'forbidden',
    'not_found',
    'no_client_secret',
  ),
);

export function registerAppRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listAppsRoute, async (c) =>
    c.json(
      await listApps({ ctx: serviceContext(c), developer: c.get('developer')!, input: c.req.valid('query') }),
      200,
    ),
  );
  app.openapi(createAppRoute, async (c) =>
    c.json(
      await createDeveloperApp({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        input: c.req.valid('json'),
      }),
      201,
    ),
  );
  app.openapi(getAppRoute, async (c) =>
    c.json(
      await getApp({ ctx: serviceContext(c), developer: c.get('developer')!, input: c.req.valid('param') }),
      200,
    ),
  );
  app.openapi(updateAppRoute, async (c) => {
    const input = { ...c.req.valid('json'), ...c.req.valid('param') };
    return c.json(await updateApp({ ctx: serviceContext(c), developer: c.get('developer')!, input }), 200);
  });
  app.openapi(rotateAppSecretRoute, async (c) =>
    c.json(
      await rotateAppSecret({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        input: c.req.valid('param'),
      }),
      200,
    ),
  );
}
