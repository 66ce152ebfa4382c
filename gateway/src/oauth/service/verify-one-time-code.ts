import { commit } from '../../platform/commit';
import { SANDBOX_ONE_TIME_CODE } from '../../sandbox/seed/customers';
import type { Customer } from '../store/customers';
import { clearOtpFailures, otpFailureStatements, otpLockedUntil } from '../store/otp-guard';
import { type CustomerSession, type RotatedSession, secondFactorRotation } from '../store/sessions';
import { verifyTotp } from '../totp';
import type { OAuthContext } from './context';

export type CodeOutcome =
  | { kind: 'right'; signedIn: RotatedSession }
  | { kind: 'wrong' }
  | { kind: 'locked'; until: Date };

/**
 * The one-time code step of both sign-in forms. A locked customer is refused before the code is
 * even compared, so the right code does not lift a lock an attacker's guesses set. The right code
 * moves the session to a new id and clears the customer's count.
 */
export async function verifyOneTimeCode({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: { session: CustomerSession; customer: Customer; code: string };
}): Promise<CodeOutcome> {
  const { db, clock } = ctx;
  const { customer, code } = input;
  const locked = await otpLockedUntil(db, customer.id, clock.now());
  if (locked) return { kind: 'locked', until: locked };
  const ok =
    customer.mode === 'sandbox'
      ? code === SANDBOX_ONE_TIME_CODE
      : Boolean(customer.totpSecret) && (await verifyTotp(customer.totpSecret!, code, clock.now()));
  if (ok) {
    const rotation = await secondFactorRotation(db, clock, input.session);
    await commit(ctx, [rotation.statement, clearOtpFailures(db, customer.id)], { status: 303, body: null });
    return { kind: 'right', signedIn: { cookie: rotation.cookie, session: rotation.session } };
  }
  await commit(ctx, otpFailureStatements(ctx, customer.id), { status: 401, body: null });
  const until = await otpLockedUntil(db, customer.id, clock.now());
  return until ? { kind: 'locked', until } : { kind: 'wrong' };
}
