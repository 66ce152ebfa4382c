import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../env';
import { withProblems } from '../../../platform/openapi';
import { serviceContext } from '../../../platform/request';
import { BANK_STAFF_SECURITY, requireBankStaff, requireDeveloper } from '../auth';
import {
  CsrfHeader,
  DecideSubscriptionBody,
  ExperimentComparisonSchema,
  ExperimentsQuery,
  ListPartnersQuery,
  ListSubscriptionReviewsQuery,
  PartnerListSchema,
  SubscriptionIdParam,
  SubscriptionReviewListSchema,
  SubscriptionSchema,
} from '../schemas';
import { decideSubscription } from '../service/decide-subscription';
import { compareExperimentArms, databaseDecisionSource } from '../service/internal/experiments';
import { listPartners } from '../service/list-partners';
import { listSubscriptionReviews } from '../service/list-subscription-reviews';

export const listSubscriptionReviewsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/admin/subscriptions',
    operationId: 'listSubscriptionReviews',
    tags: ['Developer'],
    summary: 'List product subscriptions for review',
    description:
      'Bank staff only. Every partner’s product subscriptions, newest first, with the app and its owner; `status=requested` is the review queue of live access requests.',
    security: BANK_STAFF_SECURITY,
    middleware: [requireDeveloper, requireBankStaff] as const,
    request: { query: ListSubscriptionReviewsQuery },
    responses: {
      200: {
        description: 'A page of subscriptions.',
        content: { 'application/json': { schema: SubscriptionReviewListSchema } },
      },
    },
  }),
);

const decideRoute = (decision: 'approve' | 'reject') =>
  createRoute(
    withProblems(
      {
        method: 'post',
        path: `/v1/developer/admin/subscriptions/{id}/${decision}`,
        operationId: decision === 'approve' ? 'approveSubscription' : 'rejectSubscription',
        tags: ['Developer'],
        summary: decision === 'approve' ? 'Approve a subscription request' : 'Reject a subscription request',
        description:
          decision === 'approve'
            ? 'Bank staff only. Makes a requested subscription active; in the app’s own mode its scopes join the app’s. The decision is audited; the optional note is shown to the partner.'
            : 'Bank staff only. Refuses a requested subscription; the partner sees the note and may ask again. The decision is audited.',
        security: BANK_STAFF_SECURITY,
        middleware: [requireDeveloper, requireBankStaff] as const,
        request: {
          params: SubscriptionIdParam,
          headers: CsrfHeader,
          body: { required: false, content: { 'application/json': { schema: DecideSubscriptionBody } } },
        },
        responses: {
          200: {
            description: 'The decided subscription.',
            content: { 'application/json': { schema: SubscriptionSchema } },
          },
        },
      },
      'not_found',
      'subscription_not_pending',
    ),
  );
export const approveSubscriptionRoute = decideRoute('approve');
export const rejectSubscriptionRoute = decideRoute('reject');

export const listPartnersRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/admin/partners',
    operationId: 'listPartners',
    tags: ['Developer'],
    summary: 'List partners',
    description:
      'Bank staff only. Developer accounts, newest first, each with its apps and how many product subscriptions they hold, by status.',
    security: BANK_STAFF_SECURITY,
    middleware: [requireDeveloper, requireBankStaff] as const,
    request: { query: ListPartnersQuery },
    responses: {
      200: {
        description: 'A page of partners.',
        content: { 'application/json': { schema: PartnerListSchema } },
      },
    },
  }),
);

export const compareExperimentArmsRoute = createRoute(
  withProblems({
    method: 'get',
    path: '/v1/developer/admin/experiments',
    operationId: 'compareExperimentArms',
    tags: ['Developer'],
    summary: 'Compare champion and challenger',
    description:
      'Bank staff only. For each experiment arm of the credit decision strategy (and its strategy version and mode): how many decisions it made, the share approved, and the mean APR of the offers it approved. Filter by mode, product, kind and time.',
    security: BANK_STAFF_SECURITY,
    middleware: [requireDeveloper, requireBankStaff] as const,
    request: { query: ExperimentsQuery },
    responses: {
      200: {
        description: 'The comparison.',
        content: { 'application/json': { schema: ExperimentComparisonSchema } },
      },
    },
  }),
);

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listSubscriptionReviewsRoute, async (c) =>
    c.json(await listSubscriptionReviews({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
  app.openapi(approveSubscriptionRoute, async (c) => {
    const input = { ...c.req.valid('json'), ...c.req.valid('param'), decision: 'approve' as const };
    return c.json(
      await decideSubscription({ ctx: serviceContext(c), staff: c.get('developer')!, input }),
      200,
    );
  });
  app.openapi(rejectSubscriptionRoute, async (c) => {
    const input = { ...c.req.valid('json'), ...c.req.valid('param'), decision: 'reject' as const };
    return c.json(
      await decideSubscription({ ctx: serviceContext(c), staff: c.get('developer')!, input }),
      200,
    );
  });
  app.openapi(listPartnersRoute, async (c) =>
    c.json(await listPartners({ ctx: serviceContext(c), input: c.req.valid('query') }), 200),
  );
  app.openapi(compareExperimentArmsRoute, async (c) => {
    const q = c.req.valid('query');
    const input = {
      mode: q.mode,
      product: q.product,
      kind: q.kind,
      from: q['created[gte]'] ? new Date(q['created[gte]']) : undefined,
      // created_at is shown to the second: `lte` includes the whole second it names.
      to: q['created[lte]']
        ? new Date(Math.floor(Date.parse(q['created[lte]']) / 1000) * 1000 + 999)
        : undefined,
    };
    const source = databaseDecisionSource(c.get('services').db);
    return c.json(await compareExperimentArms({ source, input }), 200);
  });
}
