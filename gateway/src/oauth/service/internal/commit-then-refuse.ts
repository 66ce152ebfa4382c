import type { BatchItem } from '../../../db/client';
import { commit } from '../../../platform/commit';
import type { OAuthError } from '../../errors';
import type { OAuthContext } from '../context';

/** Writes what a refusal leaves behind (the grant a leaked code or token issued, revoked), then refuses. */
export async function commitThenRefuse(
  ctx: OAuthContext,
  writes: BatchItem[],
  refusal: OAuthError,
): Promise<never> {
  await commit(ctx, writes, { status: refusal.status, body: null });
  throw refusal;
}
