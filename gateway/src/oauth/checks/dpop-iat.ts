import { FUTURE_SKEW_SECONDS } from './clock-skew';
import { refuse, show } from './dpop-refuse';

/** How old a proof may be: long enough for a slow network, short enough that the replay cache stays small. */
export const DPOP_MAX_AGE_SECONDS = 60;
/** How far ahead of our clock a client's may run: the one FAPI 2.0 rule for every client JWT. */
export const DPOP_CLOCK_SKEW_SECONDS = FUTURE_SKEW_SECONDS;

export interface IatWindow {
  maxAgeSeconds: number;
  clockSkewSeconds: number;
}
export const DPOP_IAT_WINDOW: IatWindow = {
  maxAgeSeconds: DPOP_MAX_AGE_SECONDS,
  clockSkewSeconds: DPOP_CLOCK_SKEW_SECONDS,
};

/**
 * RFC 9449 §4.3 and §11.1: proofs are accepted only briefly after creation. Returns when the
 * proof stops being acceptable, which is how long its jti must be remembered.
 */
export function checkIat(iat: unknown, now: Date, window: IatWindow = DPOP_IAT_WINDOW): Date {
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    throw refuse(
      'iat',
      `The DPoP proof "iat" must be a NumericDate (seconds since the epoch), got ${show(iat)}.`,
    );
  }
  const ageSeconds = now.getTime() / 1000 - iat;
  if (ageSeconds > window.maxAgeSeconds) {
    throw refuse(
      'iat',
      `The DPoP proof is ${Math.round(ageSeconds)} s old; make a fresh proof for every request.`,
    );
  }
  if (-ageSeconds > window.clockSkewSeconds) {
    throw refuse(
      'iat',
      `The DPoP proof "iat" is ${Math.round(-ageSeconds)} s in the future; check your clock.`,
    );
  }
  return new Date((iat + window.maxAgeSeconds) * 1000);
}
