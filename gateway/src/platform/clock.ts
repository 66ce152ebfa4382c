/** Every rule that depends on time asks a Clock, so tests and sandboxes can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at one instant until advanced: for tests. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string | number = Date.now()) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a clock only moves forward');
    this.#ms += ms;
  }
  set(at: Date | string): void {
    this.#ms = new Date(at).getTime();
  }
}

/** Real time shifted by an offset that only grows: for end-to-end tests with outside clients. */
export class OffsetClock implements Clock {
  #offset = 0;
  now(): Date {
    return new Date(Date.now() + this.#offset);
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a clock only moves forward');
    this.#offset += ms;
  }
}

/**
 * A sandbox's clock: real time shifted by the sandbox's offset, or frozen at an instant.
 * Advancing a sandbox clock (POST /v1/sandbox/clock/advance) changes the stored state,
 * not the process, so every runtime instance sees the same sandbox time.
 */
export interface SandboxClockState {
  offsetMs: number;
  frozenAt: Date | null;
}

export function sandboxClock(state: SandboxClockState, base: Clock = systemClock): Clock {
  if (state.frozenAt) {
    const frozen = state.frozenAt.getTime();
    return { now: () => new Date(frozen) };
  }
  const offset = state.offsetMs;
  return { now: () => new Date(base.now().getTime() + offset) };
}

export function advancedState(state: SandboxClockState, ms: number): SandboxClockState {
  if (!Number.isSafeInteger(ms) || ms <= 0) throw new RangeError('advance by a positive whole number of ms');
  return state.frozenAt
    ? { offsetMs: state.offsetMs, frozenAt: new Date(state.frozenAt.getTime() + ms) }
    : { offsetMs: state.offsetMs + ms, frozenAt: null };
}

/** RFC 3339 UTC with second precision, as on the wire: 2026-11-22T10:00:00Z. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
