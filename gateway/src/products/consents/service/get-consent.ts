import { consentVisibleTo } from '../../../consents/lifecycle';
import { type ConsentObject, consentObject, findConsent } from '../../../oauth/store/consents';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { businessClock } from '../../../platform/sandbox-clock';

/**
 * A consent the caller may see: an app token any of its app's, a customer token its own only.
 * Anything else is 404, as if it did not exist. The status is as of the business clock.
 */
export async function getConsent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<ConsentObject> {
  const consent = await findConsent(ctx.db, input.id);
  if (!consent || !consentVisibleTo(consent, ctx))
    throw new ApiError('not_found', { detail: `No consent ${input.id} for this token.` });
  return consentObject(consent, (await businessClock(ctx)).now());
}
