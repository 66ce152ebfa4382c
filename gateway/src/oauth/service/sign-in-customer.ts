import { commit } from '../../platform/commit';
import type { Mode } from '../../platform/context';
import { verifyPassword } from '../../platform/passwords';
import { findCustomerByLogin } from '../store/customers';
import {
  type CustomerSession,
  failedAttemptStatement,
  passwordRotation,
  type RotatedSession,
} from '../store/sessions';
import type { OAuthContext } from './context';

// Verified when no customer has the name, so a wrong name costs what a wrong password does.
const NO_SUCH_HASH = 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA';

/**
 * The password step of the bank's sign-in (consent flow and account pages): the session moves to
 * a new id for the customer, or counts a failed attempt. The same work and answer whether the
 * name or the password is wrong.
 */
export async function signInCustomer({
  ctx,
  input,
}: {
  ctx: OAuthContext;
  input: {
    /** Whose customers may sign in: a sandbox's, or live ones. */
    world: { mode: Mode; sandboxId: string | null };
    username: string;
    password: string;
    session: CustomerSession;
  };
}): Promise<{ signedIn: RotatedSession | null }> {
  const customer = await findCustomerByLogin(ctx.db, input.world, input.username);
  const ok = await verifyPassword(input.password, customer?.passwordHash ?? NO_SUCH_HASH);
  if (!customer || !ok) {
    await commit(ctx, [failedAttemptStatement(ctx.db, input.session)], { status: 401, body: null });
    return { signedIn: null };
  }
  const rotation = await passwordRotation(ctx.db, ctx.clock, input.session, customer.id);
  await commit(ctx, [rotation.statement], { status: 303, body: null });
  return { signedIn: { cookie: rotation.cookie, session: rotation.session } };
}
