import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { developers } from '../../../../db/schema';
import { sandboxOf } from '../../../../oauth/store/registration';
import { rfc3339 } from '../../../../platform/clock';
import type { ServiceContext } from '../../../../platform/context';
import { createSandbox, seedSandboxCustomers } from '../../../../sandbox/seed/sandbox';
import type { NewSession } from './sessions';

export type DeveloperRow = typeof developers.$inferSelect;
type SeedCtx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>;

/** Emails compare case-insensitively: stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function developerByEmail(db: Database, email: string): Promise<DeveloperRow | null> {
  const [row] = await db
    .select()
    .from(developers)
    .where(eq(sql`lower(${developers.email})`, normalizeEmail(email)));
  return row ?? null;
}

export async function developerById(db: Database, id: string): Promise<DeveloperRow | null> {
  const [row] = await db.select().from(developers).where(eq(developers.id, id));
  return row ?? null;
}

/**
 * The developer's sandbox world, created and seeded with the DOMAIN.md customers when missing
 * (seeding is idempotent, so a sign-up interrupted half-way is completed here).
 */
export async function ensureSandbox(ctx: SeedCtx, developerId: string): Promise<string> {
  const sandboxId = (await sandboxOf(ctx.db, developerId)) ?? (await createSandbox(ctx, developerId));
  await seedSandboxCustomers(ctx, sandboxId);
  return sandboxId;
}

export interface DeveloperObject {
  id: string;
  object: 'developer';
  email: string;
  name: string;
  role: 'developer' | 'bank_staff' | 'product_team';
  sandbox: string | null;
  created_at: string;
}

export function developerObject(row: DeveloperRow, sandboxId: string | null): DeveloperObject {
  return {
    id: row.id,
    object: 'developer',
    email: row.email,
    name: row.name,
    role: row.role,
    sandbox: sandboxId,
    created_at: rfc3339(row.createdAt),
  };
}

export interface DeveloperSessionObject {
  object: 'developer_session';
  developer: DeveloperObject;
  csrf_token: string | null;
  expires_at: string | null;
}

export function sessionObject(
  developer: DeveloperObject,
  session: Pick<NewSession, 'csrfToken' | 'expiresAt'> | null,
): DeveloperSessionObject {
  return {
    object: 'developer_session',
    developer,
    csrf_token: session?.csrfToken ?? null,
    expires_at: session ? rfc3339(session.expiresAt) : null,
  };
}
