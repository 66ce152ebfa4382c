import { type ConsentObject, consentObject, findConsent } from '../../../oauth/store/consents';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';

/** The app's own consent; another app's is 404, as if it did not exist. */
export async function getConsent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<ConsentObject> {
  const consent = await findConsent(ctx.db, input.id);
  if (!consent || consent.appId !== ctx.app?.id)
    throw new ApiError('not_found', { detail: `No consent ${input.id} for this app.` });
  return consentObject(consent);
}
