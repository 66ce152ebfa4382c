import type { Database } from '../../../../db/client';
import { findConsent } from '../../../../oauth/store/consents';
import type { ServiceContext } from '../../../../platform/context';
import { ApiError } from '../../../../platform/errors';
import { type PaymentTerms, paymentTerms } from './consent-limits';

/** What a payment needs of its consent: whose it is and what it allows. */
export interface PaymentConsent {
  id: string;
  appId: string;
  customerId: string;
  terms: PaymentTerms;
}

/** Bounds memory; a full cache forgets its oldest entry (whose next payment reads it again). */
const MAX_ENTRIES = 10_000;

/**
 * A consent's app, customer and authorization_details are written once, when it is granted, and
 * never change: what a payment reads of them can be kept, so a standing consent's thousandth ride
 * neither reads its row nor parses its details again. Its status does change, and is not kept
 * here: the resource server checks it on every request and the usage row's CHECK refuses a
 * one-off consent's second use.
 */
const known = new WeakMap<Database, Map<string, PaymentConsent>>();

/** The request's payment_initiation consent, or 403 when the token was issued under none. */
export async function paymentConsentOf(ctx: ServiceContext): Promise<PaymentConsent> {
  const app = ctx.app;
  const consentId = ctx.consent?.id;
  let cache = known.get(ctx.db);
  if (!cache) {
    cache = new Map();
    known.set(ctx.db, cache);
  }
  let found = consentId ? cache.get(consentId) : undefined;
  if (!found && consentId) {
    const row = await findConsent(ctx.db, consentId);
    const terms = row ? paymentTerms(row) : null;
    if (row?.customerId && terms) {
      found = { id: row.id, appId: row.appId, customerId: row.customerId, terms };
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(row.id, found);
    }
  }
  if (!found || found.appId !== app?.id)
    throw new ApiError('forbidden', {
      detail: 'A payment needs an access token issued under the customer’s payment_initiation consent.',
    });
  return found;
}
