import type { BatchItem } from '../db/client';
import type { ServiceContext } from './context';
import { ApiError } from './errors';
import { completeClaimStatements, isLostClaimError } from './idempotency';

export interface ServiceResponse<T> {
  status: number;
  body: T;
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
  if (statements.length === 0) return response;
  try {
    await ctx.db.batch(statements as [BatchItem, ...BatchItem[]]);
  } catch (err) {
    if (ctx.idempotency && isLostClaimError(err)) {
      throw new ApiError('idempotency_key_in_use', {
        detail: 'Another request took over this Idempotency-Key; nothing was written.',
      });
    }
    throw err;
  }
  return response;
}
