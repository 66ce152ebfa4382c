import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import { outboxEvents } from '../../../db/schema';
import type { ServiceContext } from '../../../platform/context';
import { type ListPage, paginate } from '../../../platform/pagination';
import type { ListEventsInput } from '../schemas';
import { type EventBody, eventBody } from '../webhooks/dispatcher';
import { visibleEventsScope } from './internal/visible-events';

/** The app's events of the last 30 days, newest first, by type (exact or `prefix.*`) and time. */
export async function listEvents({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ListEventsInput;
}): Promise<ListPage<EventBody>> {
  const filters: (SQL | undefined)[] = [visibleEventsScope(ctx), typeFilter(input.type)];
  // Times are shown to the second, so a bound covers its whole second: an event shown as
  // 10:00:00Z is in `created[lte]=2026-11-22T10:00:00Z` even if it happened at 10:00:00.400.
  if (input['created[gte]']) filters.push(gte(outboxEvents.createdAt, wholeSecond(input['created[gte]'])));
  if (input['created[lte]'])
    filters.push(lt(outboxEvents.createdAt, new Date(wholeSecond(input['created[lte]']).getTime() + 1000)));
  const page = await paginate(ctx.db, outboxEvents, and(...filters), input);
  return { ...page, data: page.data.map(eventBody) };
}

function typeFilter(type: string | undefined): SQL | undefined {
  if (!type) return undefined;
  if (!type.endsWith('.*')) return eq(outboxEvents.type, type);
  // `payment.*` is the range ['payment.', 'payment/'): '/' follows '.' in every collation SQLite
  // uses here (binary), and unlike LIKE it reads the `_` in type names literally.
  const prefix = type.slice(0, -1);
  return and(gte(outboxEvents.type, prefix), lt(outboxEvents.type, `${prefix.slice(0, -1)}/`));
}

function wholeSecond(time: string): Date {
  return new Date(Math.floor(Date.parse(time) / 1000) * 1000);
}
