import type { BatchItem, Database } from '../db/client';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { completeClaimStatements, isLostClaimError } from './idempotency';

export interface ServiceResponse<T> {
  status: number;
  body: T;
}

/**
 * Another request stored this Idempotency-Key first, on another instance; this request's batch
 * wrote nothing. runIdempotent answers it from the winner's record; anywhere else it is a 409.
 */
export class LostIdempotencyRace extends ApiError {
  constructor() {
    super('idempotency_key_in_use', {
      detail: 'Another request with this Idempotency-Key completed first; nothing was written.',
      headers: { 'Retry-After': '1' },
    });
  }
}

/**
 * Writes a service verb's effect as ONE atomic batch, with the idempotency record of the request
 * when it holds a claim. Services build their statements (state, ledger journal, outbox event,
 * audit row) and call this once; nothing else in a request writes.
 */
export async function commit<T>(
  ctx: Pick<ServiceContext, 'db' | 'idempotency'>,
  writes: BatchItem[],
  response: ServiceResponse<T>,
): Promise<ServiceResponse<T>> {
  const statements = ctx.idempotency
    ? [
        ...completeClaimStatements(ctx.db, ctx.idempotency, response.status, JSON.stringify(response.body)),
        ...writes,
      ]
    : writes;
  try {
    await commitWrites(ctx.db, statements);
  } catch (err) {
    if (ctx.idempotency && isLostClaimError(err)) throw new LostIdempotencyRace();
    throw err;
  }
  return response;
}

/**
 * The one place a batch is written outside service verbs: jobs, seeds, caches and the webhook
 * dispatcher write their statements through it, all or nothing. An empty list writes nothing.
 */
export async function commitWrites(db: Database, statements: readonly BatchItem[]): Promise<void> {
  if (statements.length === 0) return;
  await db.batch(statements as [BatchItem, ...BatchItem[]]);
}
