import { eq } from 'drizzle-orm';
import type { BatchItem } from '../../db/client';
import {
  ALL_GRANT_TYPES,
  type AppGrantType,
  apps,
  developers,
  developerTokens,
  sandboxes,
} from '../../db/schema';
import { DAY_MS } from '../../platform/clock';
import { commitWrites } from '../../platform/commit';
import type { ServiceContext } from '../../platform/context';
import { sha256Hex } from '../../platform/crypto';
import { randomToken } from '../../platform/ids';
import { openAccount } from '../../platform/ledger';
import { SCOPES } from '../../platform/scopes';
import { createSandbox, type SeededCustomer, seedSandboxCustomers } from './sandbox';

type SeedCtx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>;

export const SANDBOX_DEVELOPER_EMAIL = 'sandbox@tessera.dev';
export const DEMO_REDIRECT_URIS = ['http://127.0.0.1:4000/callback', 'http://localhost:4000/callback'];

export interface SandboxApp {
  appId: string;
  merchantAccountId: string;
  /** Shown once, at creation; only its hash is stored. Null for private_key_jwt apps. */
  clientSecret: string | null;
}

export interface SandboxAppInput {
  developerId: string;
  sandboxId: string;
  name: string;
  merchantName: string;
  redirectUris: string[];
  dpopRequired?: boolean;
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'private_key_jwt';
  jwks?: { keys: Record<string, unknown>[] } | null;
  jwksUri?: string | null;
  logoUri?: string | null;
  scopes?: string[];
  /** RFC 7591 grant_types; every grant unless the registration narrowed them. */
  grantTypes?: AppGrantType[];
}

/** A sandbox app with its merchant account: what a developer gets when creating one. */
export async function createSandboxApp(ctx: SeedCtx, input: SandboxAppInput): Promise<SandboxApp> {
  const appId = ctx.ids.newId('app');
  const method = input.tokenEndpointAuthMethod ?? 'client_secret_basic';
  const clientSecret = method === 'client_secret_basic' ? `sk_sandbox_${randomToken(43)}` : null;
  const merchant = openAccount(ctx, {
    mode: 'sandbox',
    type: 'merchant_settlement',
    currency: 'USD',
    ownerType: 'app',
    ownerId: appId,
  });
  const statements: BatchItem[] = [
    merchant.statement,
    ctx.db.insert(apps).values({
      id: appId,
      developerId: input.developerId,
      sandboxId: input.sandboxId,
      mode: 'sandbox',
      name: input.name,
      logoUri: input.logoUri ?? null,
      merchantName: input.merchantName,
      merchantAccountId: merchant.id,
      redirectUris: input.redirectUris,
      tokenEndpointAuthMethod: method,
      clientSecretHash: clientSecret ? await sha256Hex(clientSecret) : null,
      jwks: input.jwks ?? null,
      jwksUri: input.jwksUri ?? null,
      scopes: input.scopes ?? Object.keys(SCOPES),
      grantTypes: input.grantTypes ?? ALL_GRANT_TYPES,
      dpopRequired: input.dpopRequired ?? true,
      createdAt: ctx.clock.now(),
    }),
  ];
  await commitWrites(ctx.db, statements);
  return { appId, merchantAccountId: merchant.id, clientSecret };
}

/** Registers clients only, so a leaked one cannot read or change anything; a month to use it. */
export const INITIAL_ACCESS_TOKEN_TTL_MS = 30 * DAY_MS;
/** The developer's own credential for scripts and CI; a quarter, then a new one from sign-up. */
export const DEVELOPER_API_TOKEN_TTL_MS = 90 * DAY_MS;

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** A new developer token and the statement that stores its hash, for the caller's batch. */
export async function newDeveloperToken(
  ctx: SeedCtx,
  developerId: string,
  kind: 'initial_access' | 'developer_api',
): Promise<IssuedToken & { statement: BatchItem }> {
  const [prefix, ttl] =
    kind === 'initial_access' ? ['iat', INITIAL_ACCESS_TOKEN_TTL_MS] : ['dat', DEVELOPER_API_TOKEN_TTL_MS];
  const token = `${prefix}_${randomToken(40)}`;
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ttl);
  const statement = ctx.db.insert(developerTokens).values({
    tokenHash: await sha256Hex(token),
    kind,
    developerId,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt, statement };
}

async function issueToken(
  ctx: SeedCtx,
  developerId: string,
  kind: 'initial_access' | 'developer_api',
): Promise<IssuedToken> {
  const { token, expiresAt, statement } = await newDeveloperToken(ctx, developerId, kind);
  await commitWrites(ctx.db, [statement]);
  return { token, expiresAt };
}

/** A bearer token for Dynamic Client Registration (RFC 7591) and nothing else. */
export const createInitialAccessToken = (ctx: SeedCtx, developerId: string) =>
  issueToken(ctx, developerId, 'initial_access');

/** A bearer token for the developer API (/v1/developer) and nothing else. */
export const createDeveloperApiToken = (ctx: SeedCtx, developerId: string) =>
  issueToken(ctx, developerId, 'developer_api');

export interface SandboxSeed {
  developerId: string;
  sandboxId: string;
  customers: SeededCustomer[];
  appId: string;
  /** Present only when this call created the demo app. */
  clientSecret: string | null;
  /** The developer's DCR initial access token: present only when this call created it. */
  initialAccessToken: IssuedToken | null;
  /** The developer's developer API token: present only when this call created it. */
  developerApiToken: IssuedToken | null;
}

/**
 * The embedded sandbox: the sandbox developer, their sandbox world with the DOMAIN.md customers,
 * and the "Demo Shop" app. Idempotent: a second run finds and returns what exists.
 */
export async function seedDemo(ctx: SeedCtx): Promise<SandboxSeed> {
  let [developer] = await ctx.db
    .select()
    .from(developers)
    .where(eq(developers.email, SANDBOX_DEVELOPER_EMAIL));
  if (!developer) {
    const id = ctx.ids.newId('dev');
    await ctx.db
      .insert(developers)
      .values({ id, email: SANDBOX_DEVELOPER_EMAIL, name: 'Sandbox Developer', createdAt: ctx.clock.now() })
      .onConflictDoNothing();
    [developer] = await ctx.db.select().from(developers).where(eq(developers.email, SANDBOX_DEVELOPER_EMAIL));
  }
  const developerId = developer!.id;
  const [existing] = await ctx.db
    .select({ id: sandboxes.id })
    .from(sandboxes)
    .where(eq(sandboxes.developerId, developerId));
  const sandboxId = existing?.id ?? (await createSandbox(ctx, developerId));
  const seeded = await seedSandboxCustomers(ctx, sandboxId);

  const [app] = await ctx.db.select({ id: apps.id }).from(apps).where(eq(apps.developerId, developerId));
  if (app)
    return {
      developerId,
      sandboxId,
      customers: seeded,
      appId: app.id,
      clientSecret: null,
      initialAccessToken: null,
      developerApiToken: null,
    };
  const created = await createSandboxApp(ctx, {
    developerId,
    sandboxId,
    name: 'Demo Shop',
    merchantName: 'Demo Shop',
    redirectUris: DEMO_REDIRECT_URIS,
    // The demo app opts out of DPoP so the curl quickstart works; live apps cannot.
    dpopRequired: false,
  });
  const initialAccessToken = await createInitialAccessToken(ctx, developerId);
  const developerApiToken = await createDeveloperApiToken(ctx, developerId);
  return {
    developerId,
    sandboxId,
    customers: seeded,
    appId: created.appId,
    clientSecret: created.clientSecret,
    initialAccessToken,
    developerApiToken,
  };
}
