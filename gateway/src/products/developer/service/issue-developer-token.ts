import { auditStatement } from '../../../platform/audit';
import { rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { newDeveloperToken } from '../../../sandbox/seed/demo';

/**
 * A new developer token of one kind, shown once. Tokens expire, so this is how a developer gets
 * the next one; issuing one leaves the others working until they expire.
 */
export async function issueDeveloperToken({
  ctx,
  developer,
  input,
}: {
  ctx: ServiceContext;
  developer: { id: string };
  input: { kind: 'developer_api' | 'initial_access' };
}) {
  const issued = await newDeveloperToken(ctx, developer.id, input.kind);
  await ctx.db.batch([
    issued.statement,
    auditStatement(ctx, {
      actorType: 'developer',
      actorId: developer.id,
      action: 'developer.token_issued',
      targetType: 'developer',
      targetId: developer.id,
      details: { kind: input.kind, expires_at: rfc3339(issued.expiresAt) },
    }),
  ]);
  return {
    object: 'developer_token' as const,
    kind: input.kind,
    token: issued.token,
    created_at: rfc3339(ctx.clock.now()),
    expires_at: rfc3339(issued.expiresAt),
  };
}
