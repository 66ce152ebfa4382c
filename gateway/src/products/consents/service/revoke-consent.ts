import {
  type ConsentObject,
  consentObject,
  findConsent,
  revokeConsentStatements,
} from '../../../oauth/store/consents';
import { commit } from '../../../platform/commit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';

/** The partner gives up a consent. Idempotent: revoking a revoked consent returns it unchanged. */
export async function revokeConsent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<ConsentObject> {
  const consent = await findConsent(ctx.db, input.id);
  if (!consent || consent.appId !== ctx.app?.id)
    throw new ApiError('not_found', { detail: `No consent ${input.id} for this app.` });
  if (consent.status !== 'authorised') return consentObject(consent);
  const { statements, revoked } = revokeConsentStatements(ctx, consent, 'partner', ctx.app.id);
  const body = consentObject(revoked);
  await commit(ctx, statements, { status: 200, body });
  return body;
}
