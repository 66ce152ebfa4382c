import type { BatchItem } from '../db/client';
import { preparedInsert } from '../db/prepared';
import { outboxEvents } from '../db/schema';
import type { Mode, ServiceContext } from './context';

export interface EventDraft {
  appId: string;
  mode: Mode;
  type: string;
  object: Record<string, unknown>;
}

// Prepared once: every write that partners hear about inserts its event.
const insertEvent = preparedInsert(outboxEvents);

/** An event for the app, as a statement for the batch that makes the change it reports. */
export function eventStatement(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>,
  draft: EventDraft,
): { id: string; statement: BatchItem } {
  const id = ctx.ids.newId('evt');
  return {
    id,
    statement: insertEvent(ctx.db, {
      id,
      appId: draft.appId,
      mode: draft.mode,
      type: draft.type,
      data: { object: draft.object },
      // A context without one stores NULL, as the query builder did.
      requestId: ctx.requestId ?? null,
      createdAt: ctx.clock.now(),
      dispatchedAt: null,
    }),
  };
}
