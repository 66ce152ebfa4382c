import { parseArgs } from 'node:util';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { auditLog, developers } from '../src/db/schema';
import type { ServiceContext, Services } from '../src/platform/context';
import { randomToken } from '../src/platform/ids';
import { hashPassword } from '../src/platform/passwords';
import { developerByEmail, normalizeEmail } from '../src/products/developer/service/internal/accounts';
import { ReconciliationQuery } from '../src/products/merchant/schemas';
import { reconcileMerchant } from '../src/products/merchant/service/reconcile-merchant';
import { UsageError } from './products-cli';

export const ADMIN_USAGE = `npm run admin -- <command>
  staff create <email> [--name <name>]               a bank staff account over the configured database
  staff create <email> [--name <name>] --print-sql   the same as SQL, for wrangler d1 execute (Workers)
  reconcile <app id> --from <YYYY-MM-DD> --to <YYYY-MM-DD>
                                                     opening + Σ net − payouts = closing, against the ledger`;

/** What the CLI prints: `out` on stdout; `secret` on the terminal's stderr only, never in a file or log. */
export interface AdminOutput {
  out: string;
  secret?: string;
  /** A reconciliation that found the books out of balance: the CLI exits non-zero. */
  failed?: boolean;
}

/**
 * The bank's own CLI, over the configured database. The first bank staff account cannot be made
 * through the portal (only staff make staff), so this is how a deployment gets one.
 */
export async function runAdminCli(argv: string[], services: Services): Promise<AdminOutput> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'print-sql': { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  const [command, sub, arg] = positionals;
  if (command === 'staff' && sub === 'create') return createStaff(services, arg, values);
  if (command === 'reconcile') return reconcile(services, sub, values);
  throw new UsageError(ADMIN_USAGE);
}

async function reconcile(
  services: Services,
  appId: string | undefined,
  opts: { from?: string | undefined; to?: string | undefined },
): Promise<AdminOutput> {
  const query = ReconciliationQuery.safeParse({ from: opts.from, to: opts.to });
  if (!appId || !query.success)
    throw new UsageError('reconcile needs an app id, --from and --to (YYYY-MM-DD, from ≤ to)');
  const ctx: ServiceContext = {
    ...services,
    requestId: `cli-${services.ids.newId('req').slice(4)}`,
    mode: 'sandbox',
    app: null,
    customer: null,
    consent: null,
    idempotency: null,
  };
  const result = await reconcileMerchant({ ctx, input: { app_id: appId, ...query.data } });
  return { out: JSON.stringify(result, null, 2), failed: !result.balanced };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function createStaff(
  services: Services,
  email: string | undefined,
  opts: { name?: string | undefined; 'print-sql'?: boolean | undefined },
): Promise<AdminOutput> {
  if (!email || !EMAIL.test(email) || email.length > 320)
    throw new UsageError('staff create needs an email address');
  const normalized = normalizeEmail(email);
  if (!opts['print-sql'] && (await developerByEmail(services.db, normalized)))
    throw new UsageError(`${normalized} already has an account.`);
  // 24 base62 characters (142 bits), shown once; only its PBKDF2 hash is stored, so a lost one
  // means a new account, never a lookup.
  const password = randomToken(24);
  const now = services.clock.now();
  const row = {
    id: services.ids.newId('dev'),
    email: normalized,
    name: (opts.name ?? 'Bank staff').slice(0, 100),
    passwordHash: await hashPassword(password),
    role: 'bank_staff' as const,
    team: null,
    createdAt: now,
  };
  const audit = {
    id: services.ids.newId('aud'),
    actorType: 'system' as const,
    actorId: null,
    action: 'bank_staff.created',
    targetType: 'developer',
    targetId: row.id,
    appId: null,
    requestId: null,
    details: null,
    createdAt: now,
  };
  const secret = `Password for ${normalized} (shown once, not stored): ${password}\nSign in at the portal's /console/signin.`;
  if (opts['print-sql']) return { out: insertSql(row, audit), secret };
  await services.db.batch([
    services.db.insert(developers).values(row),
    services.db.insert(auditLog).values(audit),
  ]);
  return { out: `Bank staff account ${row.id} created for ${normalized}.`, secret };
}

const quote = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;

/** The same rows as SQL for D1, where the CLI cannot reach the database. */
function insertSql(
  row: { id: string; email: string; name: string; passwordHash: string; createdAt: Date },
  audit: { id: string; targetId: string; createdAt: Date },
): string {
  const developersTable = getTableConfig(developers).name;
  const auditTable = getTableConfig(auditLog).name;
  const at = row.createdAt.getTime();
  return [
    `INSERT INTO ${developersTable} (id, email, name, password_hash, role, team, created_at) VALUES (${[
      row.id,
      row.email,
      row.name,
      row.passwordHash,
      'bank_staff',
      null,
      at,
    ]
      .map(quote)
      .join(', ')});`,
    `INSERT INTO ${auditTable} (id, actor_type, actor_id, action, target_type, target_id, created_at) VALUES (${[
      audit.id,
      'system',
      null,
      'bank_staff.created',
      'developer',
      audit.targetId,
      audit.createdAt.getTime(),
    ]
      .map(quote)
      .join(', ')});`,
  ].join('\n');
}
