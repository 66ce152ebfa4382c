import { sandboxOf } from '../../../oauth/store/registration';
import { auditStatement } from '../../../platform/audit';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { verifyPassword } from '../../../platform/passwords';
import {
  type DeveloperSessionObject,
  developerByEmail,
  developerObject,
  sessionObject,
} from './internal/accounts';
import { type NewSession, newSessionStatement } from './internal/sessions';

/**
 * A well-formed hash of a password nobody knows, at the full iteration count: an unknown email (or
 * an account without a password) is checked against it, so it costs the same PBKDF2 work as a
 * wrong password and the two cannot be told apart by timing.
 */
const NO_ACCOUNT_HASH =
  'pbkdf2-sha256$100000$q0bM0n1U7Rk3m8Xr2cVw5A==$Zb0VQ9mZ3Yk1cJ7sT4hN8eR2uW6xP0aL5dG3fB9kC1o=';

export interface SignInResult {
  body: DeveloperSessionObject;
  session: NewSession;
}

/** Email and password to a new portal session. Wrong password and unknown email answer alike. */
export async function signInDeveloper({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { email: string; password: string };
}): Promise<SignInResult> {
  const row = await developerByEmail(ctx.db, input.email);
  const matches = await verifyPassword(input.password, row?.passwordHash ?? NO_ACCOUNT_HASH);
  if (!row?.passwordHash || !matches) throw new ApiError('invalid_credentials');
  const session = await newSessionStatement(ctx, row.id);
  await ctx.db.batch([
    session.statement,
    auditStatement(ctx, {
      actorType: 'developer',
      actorId: row.id,
      action: 'developer.signed_in',
      targetType: 'developer',
      targetId: row.id,
    }),
  ]);
  const sandboxId = await sandboxOf(ctx.db, row.id);
  return { body: sessionObject(developerObject(row, sandboxId), session), session };
}
