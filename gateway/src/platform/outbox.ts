import type { BatchItem } from '../db/client';
import { outboxEvents } from '../db/schema';
import type { Mode, ServiceContext } from './context';

export interface EventDraft {
  appId: string;
  mode: Mode;
  type: string;
  object: Record<string, unknown>;
}

/** An event for the app, as a statement for the batch that makes the change it reports. */
export function eventStatement(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>,
  draft: EventDraft,
): { id: string; statement: BatchItem } {
  const id = ctx.ids.newId('evt');
  return {
    id,
    statement: ctx.db.insert(outboxEvents).values({
      id,
      appId: draft.appId,
      mode: draft.mode,
      type: draft.type,
      data: { object: draft.object },
      requestId: ctx.requestId,
      createdAt: ctx.clock.now(),
    }),
  };
}
