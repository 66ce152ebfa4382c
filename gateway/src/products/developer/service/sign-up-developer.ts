import { developers } from '../../../db/schema';
import { auditStatement } from '../../../platform/audit';
import { rfc3339 } from '../../../platform/clock';
import type { ServiceContext } from '../../../platform/context';
import { ApiError } from '../../../platform/errors';
import { hashPassword } from '../../../platform/passwords';
import { createDeveloperApiToken, createInitialAccessToken } from '../../../sandbox/seed/demo';
import {
  type DeveloperSessionObject,
  developerByEmail,
  developerObject,
  ensureSandbox,
  normalizeEmail,
  sessionObject,
} from './internal/accounts';
import { constraintFailed } from './internal/db-errors';
import { type NewSession, newSessionStatement } from './internal/sessions';

export interface SignUpResult {
  body: DeveloperSessionObject & {
    api_token: string;
    api_token_expires_at: string;
    initial_access_token: string;
    initial_access_token_expires_at: string;
  };
  session: NewSession;
}

/**
 * A new developer account, signed in: the account and its session in one batch, then its two
 * tokens (shown once: one for the developer API, one for client registration) and the developer's own sandbox world with the DOMAIN.md customers.
 */
export async function signUpDeveloper({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { email: string; name: string; password: string };
}): Promise<SignUpResult> {
  const email = normalizeEmail(input.email);
  if (await developerByEmail(ctx.db, email)) throw new ApiError('email_in_use');
  const row = {
    id: ctx.ids.newId('dev'),
    email,
    name: input.name.trim(),
    passwordHash: await hashPassword(input.password),
    role: 'developer' as const,
    team: null,
    createdAt: ctx.clock.now(),
  };
  const session = await newSessionStatement(ctx, row.id);
  try {
    await ctx.db.batch([
      ctx.db.insert(developers).values(row),
      session.statement,
      auditStatement(ctx, {
        actorType: 'developer',
        actorId: row.id,
        action: 'developer.signed_up',
        targetType: 'developer',
        targetId: row.id,
      }),
    ]);
  } catch (err) {
    // Two sign-ups with one email at once: the unique index decides, the loser hears why.
    if (constraintFailed(err, 'UNIQUE', 'developers.email')) throw new ApiError('email_in_use');
    throw err;
  }
  const apiToken = await createDeveloperApiToken(ctx, row.id);
  const registration = await createInitialAccessToken(ctx, row.id);
  const sandboxId = await ensureSandbox(ctx, row.id);
  return {
    body: {
      ...sessionObject(developerObject(row, sandboxId), session),
      api_token: apiToken.token,
      api_token_expires_at: rfc3339(apiToken.expiresAt),
      initial_access_token: registration.token,
      initial_access_token_expires_at: rfc3339(registration.expiresAt),
    },
    session,
  };
}
