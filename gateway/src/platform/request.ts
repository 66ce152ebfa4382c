import type { Context } from 'hono';
import type { AppEnv } from '../env';
import type { ServiceResponse } from './commit';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { claimIdempotencyKey, parseIdempotencyKey, releaseClaim, requestHash } from './idempotency';

/** The service context for this request: capabilities plus who is asking. */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const s = c.get('services');
  const app = c.get('app') ?? null;
  return {
    db: s.db,
    clock: s.clock,
    ids: s.ids,
    logger: s.logger,
    requestId: c.get('requestId'),
    mode: app?.mode ?? 'sandbox',
    app,
    customer: c.get('customer') ?? null,
    consent: c.get('consent') ?? null,
    idempotency: null,
  };
}

export interface IdempotentResult<T> extends ServiceResponse<T> {
  replayed: boolean;
}

/**
 * Runs a write under the request's Idempotency-Key (API-STYLE.md): a retry with the same body
 * gets the stored response, another body 422, a concurrent duplicate 409. The service's commit()
 * stores the response in the same batch as the effect; if the service fails, the key is freed.
 */
export async function runIdempotent<T>(
  c: Context<AppEnv>,
  body: unknown,
  run: (ctx: ServiceContext) => Promise<ServiceResponse<T>>,
): Promise<IdempotentResult<T>> {
  const ctx = serviceContext(c);
  if (!ctx.app) throw new ApiError('unauthorized');
  const key = parseIdempotencyKey(c.req.header('Idempotency-Key'), true)!;
  const hash = await requestHash(c.req.method, c.req.path, body);
  const claim = await claimIdempotencyKey(ctx.db, ctx.clock, { appId: ctx.app.id, key, requestHash: hash });
  if (claim.kind === 'replay') {
    return { status: claim.status, body: JSON.parse(claim.body) as T, replayed: true };
  }
  try {
    const result = await run({ ...ctx, idempotency: claim.claim });
    return { ...result, replayed: false };
  } catch (err) {
    await releaseClaim(ctx.db, claim.claim).catch((releaseErr: unknown) =>
      ctx.logger.warn('could not release idempotency claim', {
        request_id: ctx.requestId,
        error: String(releaseErr),
      }),
    );
    throw err;
  }
}

/** Sets the replay header on a response built from an idempotent result. */
export function markReplay(c: Context<AppEnv>, result: { replayed: boolean }): void {
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
}
