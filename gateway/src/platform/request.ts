import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { LostIdempotencyRace, type ServiceResponse } from './commit';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { answerAfterLostRace, claimIdempotencyKey, parseIdempotencyKey, requestHash } from './idempotency';

/**
 * The service context for this request: capabilities plus who is asking. A request whose consent
 * is no longer active gets no context: only a stored answer could be given (runIdempotent).
 */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const inactive = c.get('inactiveConsent');
  if (inactive) throw inactive.refusal;
  return contextOf(c);
}

function contextOf(c: Context<AppEnv>): ServiceContext {
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

export interface IdempotentOptions {
  /**
   * The consent was consumed and no record answers: a chance to say why more precisely than
   * `consent_inactive` (a loan's offer already used). Returning leaves the refusal as is.
   */
  explainConsumed?: (ctx: ServiceContext) => Promise<void>;
}

/**
 * Runs a write under the request's Idempotency-Key (API-STYLE.md): a retry with the same body
 * gets the stored response, another body 422, a duplicate while the first runs 409. The service's
 * commit() stores the response in the same batch as the effect; a service that fails stores
 * nothing, so the key stays free. A duplicate racing on another instance loses at that batch and
 * is answered as if it had arrived just after the winner (its response, or 422).
 *
 * Records belong to (app, key) and remember who asked (the consent, or the app alone): another
 * consent with the key is 422, never someone else's answer. A retry of the same app and consent is
 * answered from its record whatever the consent's status is now (DOMAIN.md "Consent"); without a
 * record, a request under an inactive consent is refused before anything runs.
 */
export async function runIdempotent<T>(
  c: Context<AppEnv>,
  body: unknown,
  run: (ctx: ServiceContext) => Promise<ServiceResponse<T>>,
  options: IdempotentOptions = {},
): Promise<IdempotentResult<T>> {
  const ctx = contextOf(c);
  if (!ctx.app) throw new ApiError('unauthorized');
  const inactive = c.get('inactiveConsent');
  const key = parseIdempotencyKey(c.req.header('Idempotency-Key'), true)!;
  const hash = await requestHash(c.req.method, c.req.path, body);
  const claimed = await claimIdempotencyKey(ctx.db, ctx.clock, {
    appId: ctx.app.id,
    consentId: ctx.consent?.id ?? null,
    key,
    requestHash: hash,
  });
  if (claimed.kind === 'replay') return replay(claimed);
  const { claim } = claimed;
  try {
    if (inactive) {
      if (inactive.status === 'consumed') await options.explainConsumed?.(ctx);
      throw inactive.refusal;
    }
    const result = await run({ ...ctx, idempotency: claim });
    return { ...result, replayed: false };
  } catch (err) {
    if (err instanceof LostIdempotencyRace) {
      const answer = await answerAfterLostRace(ctx.db, claim);
      if (answer.kind === 'replay') return replay(answer);
    }
    throw err;
  } finally {
    claim.release();
  }
}

function replay<T>(stored: { status: number; body: string }): IdempotentResult<T> {
  return { status: stored.status, body: JSON.parse(stored.body) as T, replayed: true };
}

/** Sets the replay header on a response built from an idempotent result. */
export function markReplay(c: Context<AppEnv>, result: { replayed: boolean }): void {
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
}
