/**
 * Risk context of a credit application (DOMAIN.md, "Risk context signals"). Pure: the caller runs
 * the queries and passes the counts in `RiskInput`; this file only applies the thresholds.
 */
import { type Currency, exponentOf } from '../../../platform/money';

export type RiskSignal = 'velocity' | 'linked_devices' | 'device_change' | 'location_anomaly';
export type RiskLevel = 'low' | 'medium' | 'high';

/** Fixed order of `riskSignals()` output, so decisions and their records compare equal. */
export const RISK_SIGNALS: readonly RiskSignal[] = [
  'velocity',
  'linked_devices',
  'device_change',
  'location_anomaly',
];

export const RISK_THRESHOLDS = {
  /** More than this many applications by one customer in 24 h (the current one included). */
  maxApplications24h: 3,
  /** More than this many distinct customers on one DPoP key in 30 days (the current one included). */
  maxCustomersPerKey30d: 2,
  /** device_change: amount above this multiple of the customer's median purchase. */
  medianPurchaseMultiple: 2,
  /** location_anomaly: amount above this many major units of the currency (500.00). */
  locationAnomalyAmountMajor: 500,
} as const;

/** What the caller queries before a decision. Counts are as of the request's business time. */
export interface RiskInput {
  /** The requested amount, minor units of `currency`. */
  amount: number;
  currency: Currency;
  /**
   * Credit applications (decisions) by this customer, across every app, in the 24 hours before
   * this request, NOT counting this one. The caller may stop counting well past the threshold.
   */
  previousApplications24h: number;
  /**
   * The DPoP key (RFC 9449 `jkt`) behind the request, or null when the request was not
   * DPoP-bound: then linked_devices and device_change cannot fire.
   */
  device: {
    /** Distinct customers OTHER than this one seen on this `jkt` in the last 30 days. */
    otherCustomers30d: number;
    /** Whether this `jkt` was ever seen acting for this customer before this request. */
    seenForCustomerBefore: boolean;
  } | null;
  /**
   * Median of the customer's past purchase amounts (payments and checkout-credit purchases), minor
   * units of `currency`; null when they have none. With no history there is no baseline, so
   * device_change does not fire.
   */
  medianPurchase: number | null;
  /** ISO 3166-1 alpha-2 country of the request (e.g. from the edge's geo-IP), null if unknown. */
  requestCountry: string | null;
  homeCountry: string;
}

export interface RiskAssessment {
  level: RiskLevel;
  signals: RiskSignal[];
}

export function riskSignals(input: RiskInput): RiskSignal[] {
  const t = RISK_THRESHOLDS;
  const signals: RiskSignal[] = [];
  if (input.previousApplications24h + 1 > t.maxApplications24h) signals.push('velocity');
  if (input.device && input.device.otherCustomers30d + 1 > t.maxCustomersPerKey30d) {
    signals.push('linked_devices');
  }
  if (
    input.device &&
    !input.device.seenForCustomerBefore &&
    input.medianPurchase !== null &&
    input.amount > t.medianPurchaseMultiple * input.medianPurchase
  ) {
    signals.push('device_change');
  }
  const locationThreshold = t.locationAnomalyAmountMajor * 10 ** exponentOf(input.currency);
  if (
    input.requestCountry !== null &&
    input.requestCountry.toUpperCase() !== input.homeCountry.toUpperCase() &&
    input.amount > locationThreshold
  ) {
    signals.push('location_anomaly');
  }
  return signals;
}

/** Two or more signals, or linked_devices alone, make the level high; one makes it medium. */
export function riskLevel(signals: readonly RiskSignal[]): RiskLevel {
  const distinct = new Set(signals);
  if (distinct.has('linked_devices') || distinct.size >= 2) return 'high';
  return distinct.size === 1 ? 'medium' : 'low';
}

export function assessRisk(input: RiskInput): RiskAssessment {
  const signals = riskSignals(input);
  return { level: riskLevel(signals), signals };
}
