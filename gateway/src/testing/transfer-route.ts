import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import { auditStatement } from '../platform/audit';
import { commit } from '../platform/commit';
import type { AppPrincipal, ServiceContext } from '../platform/context';
import { ApiError } from '../platform/errors';
import { newRouter } from '../platform/http';
import { isOverdraftError, postJournal } from '../platform/ledger';
import { MoneySchema } from '../platform/money';
import { eventStatement } from '../platform/outbox';
import { markReplay, runIdempotent } from '../platform/request';

/**
 * A minimal money-moving route for platform tests: the shape every product write takes
 * (validate → one service verb → one batch with journal, event, audit and idempotency record).
 */
export function transferRouter(opts: { app: AppPrincipal; from: string; gate?: () => Promise<void> }) {
  const router = newRouter();
  router.use('*', async (c, next) => {
    c.set('app', opts.app);
    await next();
  });
  const route = createRoute({
    method: 'post',
    path: '/',
    operationId: 'createTestTransfer',
    tags: ['Test'],
    summary: 'Move money (test only)',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ amount: MoneySchema, note: z.string().max(50).optional() }),
          },
        },
      },
    },
    responses: {
      201: {
        description: 'moved',
        content: { 'application/json': { schema: z.object({ id: z.string(), amount: MoneySchema }) } },
      },
    },
  });
  router.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const result = await runIdempotent(c, input, (ctx) => transfer(ctx, opts, input.amount, opts.gate));
    markReplay(c, result);
    return c.json(result.body, 201);
  });
  return router;
}

async function transfer(
  ctx: ServiceContext,
  opts: { app: AppPrincipal; from: string },
  amount: { amount: number; currency: string },
  gate?: () => Promise<void>,
) {
  const id = ctx.ids.newId('pay');
  const journal = await postJournal(ctx, {
    mode: opts.app.mode,
    // A payment to the merchant, as far as the ledger is concerned (it gets that balance transaction).
    kind: 'payment',
    referenceId: id,
    description: 'test transfer',
    currency: 'USD',
    lines: [
      { accountId: opts.from, debit: amount.amount },
      { accountId: opts.app.merchantAccountId, credit: amount.amount },
    ],
  });
  const body = { id, amount: { amount: amount.amount, currency: 'USD' as const } };
  const event = eventStatement(ctx, {
    appId: opts.app.id,
    mode: opts.app.mode,
    type: 'test_transfer.succeeded',
    object: body,
  });
  const audit = auditStatement(ctx, {
    actorType: 'app',
    actorId: opts.app.id,
    action: 'test_transfer.create',
    targetType: 'test_transfer',
    targetId: id,
  });
  await gate?.();
  try {
    return await commit(ctx, [...journal.statements, event.statement, audit], { status: 201, body });
  } catch (err) {
    if (isOverdraftError(err)) throw new ApiError('invalid_request', { detail: 'Insufficient funds.' });
    throw err;
  }
}

export async function auditRowsFor(db: ServiceContext['db'], targetId: string) {
  return db.select().from(auditLog).where(eq(auditLog.targetId, targetId));
}
