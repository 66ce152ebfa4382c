import { and, eq, gte, type SQL } from 'drizzle-orm';
import { outboxEvents } from '../../../../db/schema';
import type { AppPrincipal, ServiceContext } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';
import { EVENT_RETENTION_MS } from '../../event-types';
import type { OutboxEvent } from '../../webhooks/objects';

/** The caller's app; every route here passes requireAuth, so it is always there. */
export function callerApp(ctx: ServiceContext): AppPrincipal {
  if (!ctx.app) throw new ApiError('unauthorized');
  return ctx.app;
}

/** What an app may see of the outbox: its own events, in its mode, from the last 30 days. */
export function visibleEventsScope(ctx: ServiceContext): SQL {
  const app = callerApp(ctx);
  const since = new Date(ctx.clock.now().getTime() - EVENT_RETENTION_MS);
  return and(
    eq(outboxEvents.appId, app.id),
    eq(outboxEvents.mode, app.mode),
    gte(outboxEvents.createdAt, since),
  )!;
}

/** One visible event; another app's, or one past the window, is 404 as if it did not exist. */
export async function findVisibleEvent(ctx: ServiceContext, id: string): Promise<OutboxEvent> {
  const [event] = await ctx.db
    .select()
    .from(outboxEvents)
    .where(and(eq(outboxEvents.id, id), visibleEventsScope(ctx)));
  if (!event) throw new ApiError('not_found', { detail: `No event ${id} for this app in the last 30 days.` });
  return event;
}
