import type { Context } from 'hono';
import { SANDBOX_ONE_TIME_CODE } from '../db/seed/customers';
import type { AppEnv } from '../env';
import { adoptRotated, pageHeaders } from './browser';
import { MessagePage } from './pages/message';
import type { Customer } from './store/customers';
import { clearOtpFailures, otpLockedUntil, recordOtpFailure } from './store/otp-guard';
import { type CustomerSession, recordSecondFactor } from './store/sessions';
import { verifyTotp } from './totp';

export type CodeOutcome =
  | { kind: 'right'; session: CustomerSession }
  | { kind: 'wrong' }
  | { kind: 'locked'; until: Date };

/**
 * The one-time code step of both sign-in forms. A locked customer is refused before the code is
 * even compared, so the right code does not lift a lock an attacker's guesses set. The right code
 * moves the session to a new id (set in the browser here) and clears the customer's count.
 */
export async function checkOneTimeCode(
  c: Context<AppEnv>,
  session: CustomerSession,
  customer: Customer,
  code: string,
): Promise<CodeOutcome> {
  const { db, clock, ids } = c.get('services');
  const locked = await otpLockedUntil(db, customer.id, clock.now());
  if (locked) return { kind: 'locked', until: locked };
  const ok =
    customer.mode === 'sandbox'
      ? code === SANDBOX_ONE_TIME_CODE
      : Boolean(customer.totpSecret) && (await verifyTotp(customer.totpSecret!, code, clock.now()));
  if (ok) {
    const rotated = await recordSecondFactor(db, clock, session, [clearOtpFailures(db, customer.id)]);
    return { kind: 'right', session: adoptRotated(c, rotated) };
  }
  const until = await recordOtpFailure({ db, clock, ids, requestId: c.get('requestId') }, customer.id);
  return until ? { kind: 'locked', until } : { kind: 'wrong' };
}

/** 429 with Retry-After: the customer reads when to try again, an attacker learns nothing more. */
export function lockedPage(c: Context<AppEnv>, until: Date) {
  const wait = Math.max(1, Math.ceil((until.getTime() - c.get('services').clock.now().getTime()) / 1000));
  pageHeaders(c);
  c.header('Retry-After', String(wait));
  const minutes = Math.ceil(wait / 60);
  return c.html(
    MessagePage({
      title: 'Too many wrong codes',
      message: `Too many wrong one-time codes were entered for your account. For your safety the code step is locked: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    }),
    429,
  );
}
