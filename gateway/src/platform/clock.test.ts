import { describe, expect, it } from 'vitest';
import { advancedState, DAY_MS, ManualClock, rfc3339, sandboxClock } from './clock';
import { addDays, addMonths, wholeMonthsBetween } from './dates';

describe('clocks', () => {
  it('a manual clock stands still until advanced, and never goes back', () => {
    const clock = new ManualClock('2026-11-22T10:00:00Z');
    expect(rfc3339(clock.now())).toBe('2026-11-22T10:00:00Z');
    clock.advance(DAY_MS);
    expect(rfc3339(clock.now())).toBe('2026-11-23T10:00:00Z');
    expect(() => clock.advance(-1)).toThrow();
  });

  it('a sandbox clock is real time plus its offset, or frozen; advancing moves either', () => {
    const base = new ManualClock('2026-11-22T10:00:00Z');
    const running = sandboxClock({ offsetMs: 0, frozenAt: null }, base);
    base.advance(1000);
    expect(rfc3339(running.now())).toBe('2026-11-22T10:00:01Z');
    const later = advancedState({ offsetMs: 0, frozenAt: null }, 30 * DAY_MS);
    expect(rfc3339(sandboxClock(later, base).now())).toBe('2026-12-22T10:00:01Z');

    const frozen = { offsetMs: 0, frozenAt: new Date('2026-01-01T00:00:00Z') };
    base.advance(DAY_MS);
    expect(rfc3339(sandboxClock(frozen, base).now())).toBe('2026-01-01T00:00:00Z');
    expect(rfc3339(sandboxClock(advancedState(frozen, DAY_MS), base).now())).toBe('2026-01-02T00:00:00Z');
    expect(() => advancedState(frozen, 0)).toThrow();
  });
});

describe('calendar months', () => {
  it('adds months clamping to the month end', () => {
    expect(addMonths(new Date('2026-03-31T12:00:00Z'), -1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addMonths(new Date('2024-01-31T00:00:00Z'), 1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(addMonths(new Date('2026-11-22T10:00:00Z'), -120).toISOString()).toBe('2016-11-22T10:00:00.000Z');
  });

  it('counts whole months, and inverts addMonths for every day of a year', () => {
    const t = new Date('2026-11-22T10:00:00Z');
    expect(wholeMonthsBetween(new Date('2026-10-23T10:00:00Z'), t)).toBe(0);
    expect(wholeMonthsBetween(new Date('2026-10-22T10:00:00Z'), t)).toBe(1);
    expect(wholeMonthsBetween(t, new Date('2020-01-01T00:00:00Z'))).toBe(0);
    for (let d = 0; d < 366; d++) {
      const now = addDays(new Date('2026-01-01T08:00:00Z'), d);
      for (const n of [1, 8, 24, 36, 96, 120, 240])
        expect(wholeMonthsBetween(addMonths(now, -n), now)).toBe(n);
    }
  });
});
