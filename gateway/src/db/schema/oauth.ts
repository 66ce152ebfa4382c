import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, timestamp } from './columns';

/** The authorization server's ES256 signing keys: sign with the newest active, verify with any not retired. */
export const signingKeys = sqliteTable('signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull(),
  publicJwk: json<Record<string, unknown>>('public_jwk').notNull(),
  privateJwk: json<Record<string, unknown>>('private_jwk').notNull(),
  status: text('status', { enum: ['active', 'retiring', 'retired'] }).notNull(),
  createdAt: timestamp('created_at').notNull(),
  retiredAt: timestamp('retired_at'),
});

/** A pushed authorization request (RFC 9126): referenced once by its request_uri. */
export const parRequests = sqliteTable('par_requests', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull(),
  params: json<Record<string, unknown>>('params').notNull(),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
});

/** A grant: the tokens issued from one code or one client-credentials request, revocable together. */
export const tokenGrants = sqliteTable(
  'token_grants',
  {
    id: text('id').primaryKey(),
    appId: text('app_id').notNull(),
    customerId: text('customer_id'),
    consentId: text('consent_id'),
    scopes: json<string[]>('scopes').notNull(),
    dpopJkt: text('dpop_jkt'),
    status: text('status', { enum: ['active', 'revoked'] }).notNull(),
    createdAt: timestamp('created_at').notNull(),
    revokedAt: timestamp('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('token_grants_consent_idx').on(t.consentId)],
);

/** Stored by hash: a database leak yields no usable code. */
export const authorizationCodes = sqliteTable('authorization_codes', {
  codeHash: text('code_hash').primaryKey(),
  appId: text('app_id').notNull(),
  customerId: text('customer_id').notNull(),
  consentId: text('consent_id').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  codeChallenge: text('code_challenge').notNull(),
  scopes: json<string[]>('scopes').notNull(),
  dpopJkt: text('dpop_jkt'),
  /** Set when redeemed; a second redemption revokes this grant. */
  grantId: text('grant_id'),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
});

export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    grantId: text('grant_id').notNull(),
    status: text('status', { enum: ['active', 'rotated', 'revoked'] }).notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    rotatedAt: timestamp('rotated_at'),
  },
  (t) => [index('refresh_tokens_grant_idx').on(t.grantId)],
);

/** Access tokens revoked before expiry (RFC 7009), kept until they would have expired. */
export const revokedAccessTokens = sqliteTable('revoked_access_tokens', {
  jti: text('jti').primaryKey(),
  expiresAt: timestamp('expires_at').notNull(),
});

/** One-time values seen (client assertion and DPoP jti): a replay cache every runtime shares. */
export const seenJtis = sqliteTable(
  'seen_jtis',
  {
    kind: text('kind', { enum: ['client_assertion', 'dpop'] }).notNull(),
    jtiHash: text('jti_hash').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.jtiHash] }), index('seen_jtis_expiry_idx').on(t.expiresAt)],
);

/**
 * A browser session on the bank's pages. It starts anonymous (holding the CSRF token of the forms),
 * gains a customer at password login and a second-factor time at the one-time code. The cookie
 * holds the id; only its hash is stored.
 */
export const customerSessions = sqliteTable('customer_sessions', {
  idHash: text('id_hash').primaryKey(),
  customerId: text('customer_id'),
  csrfToken: text('csrf_token').notNull(),
  passwordAt: timestamp('password_at'),
  secondFactorAt: timestamp('second_factor_at'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
});

/**
 * Wrong one-time codes per customer, across all their sessions: a new session must not bring
 * new guesses. `lockouts` counts the locks since the last right code, for the backoff.
 */
export const customerOtpGuards = sqliteTable('customer_otp_guards', {
  customerId: text('customer_id').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockouts: integer('lockouts').notNull().default(0),
  lockedUntil: timestamp('locked_until'),
  lockedAt: timestamp('locked_at'),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * Developer tokens by hash, each good for one thing: `initial_access` (`iat_`) only registers
 * clients (RFC 7591), `registration_access` (`rat_`) only manages the one client it came with
 * (RFC 7592), `developer_api` (`dat_`) only calls the developer API.
 */
export const developerTokens = sqliteTable('developer_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  kind: text('kind', { enum: ['initial_access', 'registration_access', 'developer_api'] }).notNull(),
  developerId: text('developer_id').notNull(),
  appId: text('app_id'),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at'),
});

/**
 * One row (id 1): a counter database triggers (migration 0014) raise whenever what a resource
 * request re-checks can change — a grant's status, an access token's revocation, an app, a
 * consent, a sandbox clock. Token-context caches compare it instead of re-reading the context.
 */
export const authStateVersion = sqliteTable('auth_state_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});
