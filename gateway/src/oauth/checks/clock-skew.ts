/**
 * FAPI 2.0 Security Profile §5.3.2.1: JWTs a client makes (client assertions, DPoP proofs) are
 * accepted with an `iat` or `nbf` up to 10 s in the future and refused beyond 60 s. Between the
 * two the profile leaves the choice to us; we refuse, because every second of accepted future
 * lengthens how long a stolen proof stays usable.
 */
export const FUTURE_SKEW_SECONDS = 10;

/**
 * How far past our clock a NumericDate is, in whole seconds, when that is beyond the tolerance;
 * null when it is acceptable (or not a number: the caller's format check says so).
 */
export function secondsTooFarAhead(value: unknown, now: Date): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const ahead = value - now.getTime() / 1000;
  return ahead > FUTURE_SKEW_SECONDS ? Math.round(ahead) : null;
}
