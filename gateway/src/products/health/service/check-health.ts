import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../../platform/context';

/** The database answers a trivial query: the gateway can serve. */
export async function checkHealth({
  ctx,
}: {
  ctx: Pick<ServiceContext, 'db' | 'logger' | 'requestId'>;
}): Promise<boolean> {
  try {
    await ctx.db.all(sql`SELECT 1`);
    return true;
  } catch (err) {
    ctx.logger.error('health check: database unreachable', { request_id: ctx.requestId, error: String(err) });
    return false;
  }
}
