import type { BatchItem } from '../db/client';
import { preparedInsert } from '../db/prepared';
import { auditLog } from '../db/schema';
import type { ServiceContext } from './context';

export interface AuditDraft {
  actorType: 'app' | 'customer' | 'developer' | 'bank' | 'system';
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

// Prepared once: nearly every write has its audit row.
const insertAudit = preparedInsert(auditLog);

/** Who did what, when, through which request: a statement for the batch of the change itself. */
export function auditStatement(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId' | 'app'>,
  draft: AuditDraft,
): BatchItem {
  return insertAudit(ctx.db, {
    id: ctx.ids.newId('aud'),
    actorType: draft.actorType,
    actorId: draft.actorId,
    action: draft.action,
    targetType: draft.targetType,
    targetId: draft.targetId,
    appId: ctx.app?.id ?? null,
    requestId: ctx.requestId,
    details: draft.details ?? null,
    createdAt: ctx.clock.now(),
  });
}
