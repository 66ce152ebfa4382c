import { and, desc, eq, like } from 'drizzle-orm';
import { requestLog } from '../../../db/schema';
import { rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { ownedApp } from './internal/find-developer';

type Ctx = Pick<ServiceContext, 'db' | 'clock'> & { usage?: { flush(): Promise<void> } | undefined };

export async function listAppRequests({
  ctx,
  developer,
  input,
}: {
  ctx: Ctx;
  developer: { id: string; role: string };
  input: { id: string; request_id?: string | undefined; limit: number };
}) {
  await ownedApp(ctx.db, developer, input.id);
  await ctx.usage?.flush();
  const rows = await ctx.db
    .select()
    .from(requestLog)
    .where(
      and(
        eq(requestLog.appId, input.id),
        input.request_id ? like(requestLog.requestId, `${input.request_id}%`) : undefined,
      ),
    )
    .orderBy(desc(requestLog.createdAt))
    .limit(input.limit);
  return {
    object: 'list' as const,
    data: rows.map((r) => ({
      request_id: r.requestId,
      method: r.method,
      path: r.path,
      operation: r.operation,
      status: r.status,
      latency_ms: r.latencyMs,
      created_at: rfc3339(r.createdAt),
    })),
    has_more: rows.length === input.limit,
  };
}
