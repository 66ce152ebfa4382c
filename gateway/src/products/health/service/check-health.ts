import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import type { ServiceContext } from '../../../platform/context';

/** A probe's answer serves the health checks of the next second: a load balancer's polls, a bench. */
const PROBE_TTL_MS = 1000;

const probes = new WeakMap<Database, { at: number; ok: Promise<boolean> }>();

/**
 * The database answers a trivial query: the gateway can serve. Probed at most once a second per
 * database (concurrent checks share the probe), so a flood of health checks costs no SQL each.
 */
export function checkHealth({
  ctx,
}: {
  ctx: Pick<ServiceContext, 'db' | 'logger' | 'requestId'>;
}): Promise<boolean> {
  const now = performance.now();
  const last = probes.get(ctx.db);
  if (last && now - last.at < PROBE_TTL_MS) return last.ok;
  const ok = probe(ctx);
  probes.set(ctx.db, { at: now, ok });
  return ok;
}

async function probe(ctx: Pick<ServiceContext, 'db' | 'logger' | 'requestId'>): Promise<boolean> {
  try {
    await ctx.db.all(sql`SELECT 1`);
    return true;
  } catch (err) {
    ctx.logger.error('health check: database unreachable', { request_id: ctx.requestId, error: String(err) });
    return false;
  }
}
