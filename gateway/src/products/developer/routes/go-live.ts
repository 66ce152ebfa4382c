import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { BANK_STAFF_SECURITY, DEVELOPER_SECURITY, requireBankStaff, requireDeveloper } from '../auth';
import {
  ApproveGoLiveBody,
  CreateGoLiveRequestBody,
  CsrfHeader,
  GoLiveRequestIdParam,
  GoLiveRequestListSchema,
  GoLiveRequestSchema,
  ListGoLiveRequestsQuery,
  RejectGoLiveBody,
} from '../schemas';
import { createGoLiveRequest } from '../service/create-go-live-request';
import { decideGoLiveRequest } from '../service/decide-go-live-request';
import { listGoLiveRequests } from '../service/list-go-live-requests';
import { listGoLiveReviews } from '../service/list-go-live-reviews';

const answer = (description: string) => ({
  description,
  content: { 'application/json': { schema: GoLiveRequestSchema } },
});
const page = {
  description: 'A page of go-live requests, newest first.',
  content: { 'application/json': { schema: GoLiveRequestListSchema } },
};

export const createGoLiveRequestRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/go-live-requests',
      operationId: 'createGoLiveRequest',
      tags: ['Developer'],
      summary: 'Ask to go live',
      description:
        'Asks the bank to take one of your sandbox apps live: the business (legal name, country, website), the bank account payouts go to, the products, and the public keys of the live app. Bank staff review it; approval creates a live app (private_key_jwt and DPoP, no client secret) with its own merchant account.',
      security: DEVELOPER_SECURITY,
      middleware: [requireDeveloper] as const,
      request: {
        headers: CsrfHeader,
        body: { required: true, content: { 'application/json': { schema: CreateGoLiveRequestBody } } },
      },
      responses: { 201: answer('The request, waiting for review.') },
    },
    'forbidden',
    'not_found',
    'go_live_request_exists',
  ),
);

export const listGoLiveRequestsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/go-live-requests',
    operationId: 'listGoLiveRequests',
    tags: ['Developer'],
    summary: 'List your go-live requests',
    description:
      'Your go-live requests and the bank’s decisions: the live app an approval created, or the reason of a rejection.',
    security: DEVELOPER_SECURITY,
    middleware: [requireDeveloper] as const,
    request: { query: ListGoLiveRequestsQuery },
    responses: { 200: page },
  }),
);

export const listGoLiveReviewsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/admin/go-live-requests',
    operationId: 'listGoLiveReviews',
    tags: ['Developer'],
    summary: 'List go-live requests for review',
    description: 'Bank staff only. Every partner’s go-live requests; `status=requested` is the review queue.',
    security: BANK_STAFF_SECURITY,
    middleware: [requireDeveloper, requireBankStaff] as const,
    request: { query: ListGoLiveRequestsQuery },
    responses: { 200: page },
  }),
);

export const approveGoLiveRequestRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/admin/go-live-requests/{id}/approve',
      operationId: 'approveGoLiveRequest',
      tags: ['Developer'],
      summary: 'Approve a go-live request',
      description:
        'Bank staff only. Creates the live app (private_key_jwt with the request’s keys, DPoP, no client secret), its live merchant account, the registered payout account and the live subscriptions, in one write with the audited decision.',
      security: BANK_STAFF_SECURITY,
      middleware: [requireDeveloper, requireBankStaff] as const,
      request: {
        params: GoLiveRequestIdParam,
        headers: CsrfHeader,
        body: { required: false, content: { 'application/json': { schema: ApproveGoLiveBody } } },
      },
      responses: { 200: answer('The approved request, with its live app.') },
    },
    'not_found',
    'go_live_request_not_pending',
  ),
);

export const rejectGoLiveRequestRoute = createRoute(
  withProblems(
    {
      method: 'post',
      path: '/v1/developer/admin/go-live-requests/{id}/reject',
      operationId: 'rejectGoLiveRequest',
      tags: ['Developer'],
      summary: 'Reject a go-live request',
      description:
        'Bank staff only. Refuses the request with a reason the partner reads; they may ask again. The decision is audited.',
      security: BANK_STAFF_SECURITY,
      middleware: [requireDeveloper, requireBankStaff] as const,
      request: {
        params: GoLiveRequestIdParam,
        headers: CsrfHeader,
        body: { required: true, content: { 'application/json': { schema: RejectGoLiveBody } } },
      },
      responses: { 200: answer('The rejected request.') },
    },
    'not_found',
    'go_live_request_not_pending',
  ),
);

export function registerGoLiveRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(createGoLiveRequestRoute, async (c) =>
    c.json(
      await createGoLiveRequest({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        input: c.req.valid('json'),
      }),
      201,
    ),
  );
  app.openapi(listGoLiveRequestsRoute, async (c) =>
    c.json(
      await listGoLiveRequests({
        ctx: serviceContext(c),
        developer: c.get('developer')!,
        input: c.req.valid('query'),
      }),
      200,
    ),
  );
  app.openapi(listGoLiveReviewsRoute, async (c) =>
    c.json(await listGoLiveReviews({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
  app.openapi(approveGoLiveRequestRoute, async (c) => {
    const input = { ...c.req.valid('param'), decision: 'approve' as const, note: c.req.valid('json')?.note };
    return c.json(
      await decideGoLiveRequest({ ctx: serviceContext(c), staff: c.get('developer')!, input }),
      200,
    );
  });
  app.openapi(rejectGoLiveRequestRoute, async (c) => {
    const input = {
      ...c.req.valid('param'),
      decision: 'reject' as const,
      reason: c.req.valid('json').reason,
    };
    return c.json(
      await decideGoLiveRequest({ ctx: serviceContext(c), staff: c.get('developer')!, input }),
      200,
    );
  });
}
