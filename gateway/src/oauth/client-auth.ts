import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { previousClientSecrets } from '../db/schema';
import type { Clock } from '../platform/clock';
import { sha256Hex, timingSafeEqual } from '../platform/crypto';
import type { AuthStateCache } from './auth-state';
import {
  ASSERTION_JTI_MEMORY_AFTER_EXP_S,
  CLIENT_ASSERTION_TYPE,
  MAX_ASSERTION_LIFETIME_S,
  verifyClientAssertion,
} from './checks/client-assertion';
import { FUTURE_SKEW_SECONDS } from './checks/clock-skew';
import type { ClientKeySets } from './client-keys';
import { type ClientApp, findClient } from './clients';
import { OAuthError } from './errors';
import { DatabaseReplayCache } from './replay/database';
import type { ReplayCache } from './replay/types';

/** What a deployment authenticates clients with (OAuthServices.verification). */
export interface ClientVerification {
  replay: ReplayCache;
  clientKeys: ClientKeySets;
  /** Active clients by id, cached while the database's auth state is unchanged. */
  clients?: AuthStateCache<ClientApp>;
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  let decoded: string;
  try {
    decoded = atob(header.slice(6).trim());
  } catch {
    throw new OAuthError('invalid_client', 'The Basic credentials are not valid base64.', {
      rule: 'client_secret_basic.format',
    });
  }
  const i = decoded.indexOf(':');
  if (i < 0)
    throw new OAuthError('invalid_client', 'Basic credentials must be client_id:client_secret.', {
      rule: 'client_secret_basic.format',
    });
  // RFC 6749 2.3.1: both parts are form-urlencoded before base64.
  const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { id: unform(decoded.slice(0, i)), secret: unform(decoded.slice(i + 1)) };
  } catch {
    throw new OAuthError('invalid_client', 'Basic credentials are not form-urlencoded.', {
      rule: 'client_secret_basic.format',
    });
  }
}

const unauthorized = (description: string, rule: string) =>
  new OAuthError('invalid_client', description, {
    rule,
    headers: { 'WWW-Authenticate': 'Basic realm="tessera"' },
  });

/**
 * The current secret, or the one it replaced while that is still within its grace period after a
 * rotation (previous_client_secrets), so a partner can roll the new secret out without downtime.
 */
async function secretMatches(
  deps: { db: Database; clock: Clock },
  app: { id: string; clientSecretHash: string },
  secret: string,
): Promise<boolean> {
  const hash = await sha256Hex(secret);
  if (timingSafeEqual(hash, app.clientSecretHash)) return true;
  const [previous] = await deps.db
    .select({ secretHash: previousClientSecrets.secretHash, expiresAt: previousClientSecrets.expiresAt })
    .from(previousClientSecrets)
    .where(eq(previousClientSecrets.appId, app.id));
  return (
    previous !== undefined &&
    previous.expiresAt.getTime() > deps.clock.now().getTime() &&
    timingSafeEqual(hash, previous.secretHash)
  );
}

/**
 * Authenticates the client at the token, PAR, revocation and introspection endpoints with the one
 * method it registered: private_key_jwt, or client_secret_basic (sandbox apps only).
 */
export async function authenticateClient(
  deps: { db: Database; clock: Clock; issuer: string; verification?: ClientVerification },
  req: { authorization: string | undefined; params: URLSearchParams },
): Promise<ClientApp> {
  const basic = basicCredentials(req.authorization);
  const assertion = req.params.get('client_assertion');
  const assertionType = req.params.get('client_assertion_type');
  if (basic && assertion)
    throw new OAuthError('invalid_request', 'Use one client authentication method, not two.', {
      rule: 'client_auth.single_method',
    });
  if (req.params.has('client_secret')) {
    throw new OAuthError(
      'invalid_client',
      'client_secret in the request body is not accepted; use HTTP Basic (sandbox) or private_key_jwt.',
      { rule: 'client_auth.secret_in_body' },
    );
  }
  const bodyId = req.params.get('client_id');
  const clientId = basic?.id ?? bodyId;
  if (!clientId) throw unauthorized('Client authentication is required.', 'client_auth.missing');
  if (basic && bodyId && bodyId !== basic.id)
    throw new OAuthError('invalid_request', 'client_id does not match the authenticated client.', {
      rule: 'client_auth.client_id_mismatch',
    });
  const app = await (deps.verification?.clients?.get(clientId) ?? findClient(deps.db, clientId));
  if (!app) throw unauthorized('Unknown client.', 'client_auth.unknown_client');

  if (basic) {
    if (
      app.tokenEndpointAuthMethod !== 'client_secret_basic' ||
      app.mode !== 'sandbox' ||
      !app.clientSecretHash
    ) {
      throw unauthorized(
        'This client must authenticate with private_key_jwt.',
        'client_secret_basic.not_allowed',
      );
    }
    if (!(await secretMatches(deps, { id: app.id, clientSecretHash: app.clientSecretHash }, basic.secret)))
      throw unauthorized('Invalid client credentials.', 'client_secret_basic.secret');
    return app;
  }
  if (!assertion) throw unauthorized('Client authentication is required.', 'client_auth.missing');
  if (assertionType !== CLIENT_ASSERTION_TYPE) {
    throw new OAuthError('invalid_client', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`, {
      rule: 'client_assertion.type',
    });
  }
  if (app.tokenEndpointAuthMethod !== 'private_key_jwt')
    throw unauthorized(
      'This client must authenticate with client_secret_basic.',
      'private_key_jwt.not_registered',
    );
  const now = deps.clock.now();
  const { jti, exp, iat } = await verifyClientAssertion(
    app,
    assertion,
    deps.issuer,
    now,
    deps.verification?.clientKeys,
  );
  const replay = deps.verification?.replay ?? new DatabaseReplayCache(deps.db);
  // Accepted no earlier than its iat allows, nor before it had at most the longest lifetime left.
  const earliest = Math.max(
    exp - MAX_ASSERTION_LIFETIME_S,
    iat === undefined ? 0 : iat - FUTURE_SKEW_SECONDS,
  );
  const verdict = await replay.use({
    kind: 'client_assertion',
    value: `${app.id}:${jti}`,
    expiresAt: new Date((exp + ASSERTION_JTI_MEMORY_AFTER_EXP_S) * 1000),
    acceptableFrom: new Date(earliest * 1000),
  });
  if (verdict === 'replay') {
    throw new OAuthError('invalid_client', 'client_assertion jti was already used.', {
      rule: 'client_assertion.jti_replay',
    });
  }
  if (verdict === 'unprovable') {
    throw new OAuthError(
      'invalid_client',
      'The server restarted and cannot tell whether this client_assertion was used; sign a new one with a current iat.',
      { rule: 'client_assertion.jti_replay' },
    );
  }
  return app;
}
