import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessRisk, RISK_SIGNALS, type RiskInput, riskLevel, riskSignals } from './risk';

const quiet: RiskInput = {
  amount: 50_000,
  currency: 'USD',
  previousApplications24h: 0,
  device: { otherCustomers30d: 0, seenForCustomerBefore: true },
  medianPurchase: 20_000,
  requestCountry: 'US',
  homeCountry: 'US',
};
const signalsOf = (o: Partial<RiskInput>) => riskSignals({ ...quiet, ...o });

describe('risk signals (DOMAIN.md thresholds)', () => {
  it('no signal on an ordinary request: level low', () => {
    expect(assessRisk(quiet)).toEqual({ level: 'low', signals: [] });
  });

  it('velocity: more than 3 applications in 24 h, this one included', () => {
    expect(signalsOf({ previousApplications24h: 2 })).toEqual([]);
    expect(signalsOf({ previousApplications24h: 3 })).toEqual(['velocity']);
  });

  it('linked_devices: the key used by more than 2 customers in 30 days, this one included', () => {
    expect(signalsOf({ device: { otherCustomers30d: 1, seenForCustomerBefore: true } })).toEqual([]);
    expect(signalsOf({ device: { otherCustomers30d: 2, seenForCustomerBefore: true } })).toEqual([
      'linked_devices',
    ]);
  });

  it('device_change: a new key for this customer AND amount above 2× their median purchase', () => {
    const newKey = { otherCustomers30d: 0, seenForCustomerBefore: false };
    expect(signalsOf({ device: newKey, amount: 40_000 })).toEqual([]);
    expect(signalsOf({ device: newKey, amount: 40_001 })).toEqual(['device_change']);
    expect(signalsOf({ amount: 40_001 })).toEqual([]); // known key
    expect(signalsOf({ device: newKey, amount: 900_000, medianPurchase: null })).toEqual([]); // no baseline
    expect(signalsOf({ device: null, amount: 900_000 })).toEqual([]); // not DPoP-bound
  });

  it('location_anomaly: another country AND amount above 500.00', () => {
    expect(signalsOf({ requestCountry: 'FR', amount: 50_000 })).toEqual([]);
    expect(signalsOf({ requestCountry: 'FR', amount: 50_001 })).toEqual(['location_anomaly']);
    expect(signalsOf({ requestCountry: 'us', amount: 50_001 })).toEqual([]);
    expect(signalsOf({ requestCountry: null, amount: 50_001 })).toEqual([]);
    // 500 major units in a zero-decimal currency.
    expect(signalsOf({ requestCountry: 'FR', currency: 'JPY', amount: 501 })).toEqual(['location_anomaly']);
  });

  it('two or more signals, or linked_devices alone, make the level high; one makes it medium', () => {
    expect(riskLevel(['velocity'])).toBe('medium');
    expect(riskLevel(['device_change'])).toBe('medium');
    expect(riskLevel(['linked_devices'])).toBe('high');
    expect(riskLevel(['velocity', 'location_anomaly'])).toBe('high');
    fc.assert(
      fc.property(fc.subarray([...RISK_SIGNALS]), (signals) => {
        const expected =
          signals.includes('linked_devices') || signals.length >= 2
            ? 'high'
            : signals.length
              ? 'medium'
              : 'low';
        expect(riskLevel(signals)).toBe(expected);
      }),
    );
  });

  it('signals come in a fixed order and each at most once', () => {
    const all = riskSignals({
      amount: 900_000,
      currency: 'USD',
      previousApplications24h: 9,
      device: { otherCustomers30d: 5, seenForCustomerBefore: false },
      medianPurchase: 1_000,
      requestCountry: 'DE',
      homeCountry: 'US',
    });
    expect(all).toEqual([...RISK_SIGNALS]);
  });
});
