import type { ConsentStatus } from '../db/schema/consents';
import { type Clock, DAY_MS, sandboxClock } from '../platform/clock';

/**
 * The consent lifecycle (DOMAIN.md "Consent"): what a consent's status is at a moment of the
 * business clock, which scopes a customer consent may hold, and who may see a consent. The
 * resource server, the consents API, introspection, the token endpoint and the account pages all
 * ask here, so a consent past its expiry reads `expired` everywhere at once, before the job that
 * writes `expired` (and emits `consent.expired`) has run.
 */

/** Data consents last at most 180 days; one-off consents a day, or until used. */
export const DATA_CONSENT_MAX_DAYS = 180;
export const ONE_OFF_CONSENT_DAYS = 1;

export interface ConsentState {
  status: ConsentStatus;
  expiresAt: Date | null;
}

/** The status as of `now`: an authorised consent past `expires_at` is expired, written or not. */
export function effectiveStatus(consent: ConsentState, now: Date): ConsentStatus {
  if (consent.status === 'authorised' && consent.expiresAt && consent.expiresAt.getTime() <= now.getTime())
    return 'expired';
  return consent.status;
}

export function isActive(consent: ConsentState, now: Date): boolean {
  return effectiveStatus(consent, now) === 'authorised';
}

export function consentExpiresAt(now: Date, oneOff: boolean): Date {
  return new Date(now.getTime() + (oneOff ? ONE_OFF_CONSENT_DAYS : DATA_CONSENT_MAX_DAYS) * DAY_MS);
}

/**
 * A credit_line consent is the customer's credit agreement with the bank, not a data consent: it
 * lasts as long as the line, with no expiry date (`expires_at` null), and ends when the customer
 * closes the line at /account/consents, the partner revokes it, or the bank does; ending it closes
 * the line. Held together with data details it is a data consent again (at most 180 days): the
 * shorter rule protects the data.
 */
export function lastsWithItsLine(detailTypes: readonly string[]): boolean {
  return detailTypes.length > 0 && detailTypes.every((t) => t === 'credit_line');
}

/**
 * The clock a consent's dates run on: its sandbox's clock in sandbox, real time in live. The
 * sandbox state comes with whatever read found the consent (no second query).
 */
export function consentClock(
  sandbox: { offsetMs: number | null; frozenAt: Date | null } | null,
  mode: 'sandbox' | 'live',
  base: Clock,
): Clock {
  if (mode !== 'sandbox' || !sandbox || sandbox.offsetMs === null) return base;
  return sandboxClock({ offsetMs: sandbox.offsetMs, frozenAt: sandbox.frozenAt }, base);
}

/**
 * Scopes only an app holds for itself (client credentials), never a customer consent: a
 * customer's consent cannot let the app read other customers' events or manage its endpoints.
 */
export const APP_ONLY_SCOPES: readonly string[] = [
  'events:read',
  'webhooks:manage',
  // A merchant's money is the app's own business, never a customer's grant.
  'balance:read',
  'payouts:read',
  'payouts:write',
];

export function isCustomerScope(scope: string): boolean {
  return !APP_ONLY_SCOPES.includes(scope);
}

/**
 * What a token under a consent may use: a customer consent's customer scopes only, whatever an
 * older consent row was granted.
 */
export function usableScopes(granted: string[], customerConsent: boolean): string[] {
  return customerConsent ? granted.filter(isCustomerScope) : granted;
}

export interface ConsentViewer {
  app: { id: string } | null;
  /** Set when the token acts for a customer: it sees its own consent only. */
  consent: { id: string } | null;
  customer: { id: string } | null;
}

/**
 * Whether a caller may see (and act on) a consent: an app token any consent of its app, a
 * customer token its own consent and nothing else, even within the same app.
 */
export function consentVisibleTo(consent: { id: string; appId: string }, viewer: ConsentViewer): boolean {
  if (!viewer.app || consent.appId !== viewer.app.id) return false;
  if (viewer.customer || viewer.consent) return viewer.consent?.id === consent.id;
  return true;
}
