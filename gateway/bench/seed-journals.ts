import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client';
import { DAY_MS } from '../src/platform/clock';

/** Rows per INSERT … SELECT: big enough to be quick, small enough to keep each transaction short. */
const CHUNK = 100_000;

/**
 * BENCH_JOURNALS=<n>: the history of a ledger that has posted n payments, written before the load
 * so a scenario measures how it scales with the database, not with an empty one. Per journal,
 * what a payment left behind: the journal (kind `payment`, a random `pay_` reference), its two
 * entries, its event (dispatched) and its audit row, with random ids like real ones (so every
 * index is as deep and as scattered) and dates over the last 30 days. The entries are +1 and -1
 * on one bank account, so balances and the ledger's invariants stay true.
 *
 * Bulk SQL, one INSERT … SELECT per table and chunk: about a million journals a minute here.
 */
export async function seedJournals(db: Database, count: number, now: Date): Promise<void> {
  const [account] = await db.all<{ id: string }>(
    sql`SELECT id FROM ledger_accounts WHERE type = 'bank_funding' AND mode = 'sandbox' LIMIT 1`,
  );
  const [app] = await db.all<{ id: string }>(sql`SELECT id FROM apps WHERE mode = 'sandbox' LIMIT 1`);
  if (!account || !app) throw new Error('BENCH_JOURNALS: the seeded sandbox has no bank account or app');
  const since = now.getTime() - 30 * DAY_MS;
  const id = (prefix: string) => sql.raw(`'${prefix}_' || lower(hex(randomblob(12)))`);
  for (let done = 0; done < count; done += CHUNK) {
    const n = Math.min(CHUNK, count - done);
    // The chunk's journals are told apart from earlier ones by their request_id.
    const batch = `bench-seed-${done}`;
    await db.run(sql`
      WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})
      INSERT INTO journals (id, mode, kind, reference_id, description, request_id, created_at)
      SELECT ${id('jrn')}, 'sandbox', 'payment', ${id('pay')}, 'Seeded payment', ${batch},
        ${since} + abs(random() % ${30 * DAY_MS}) FROM s`);
    for (const amount of [1, -1]) {
      await db.run(sql`
        INSERT INTO journal_entries (id, journal_id, account_id, amount, currency, created_at)
        SELECT ${id('ent')}, id, ${account.id}, ${amount}, 'USD', created_at FROM journals
        WHERE request_id = ${batch}`);
    }
    await db.run(sql`
      INSERT INTO outbox_events (id, app_id, mode, type, data, request_id, created_at, dispatched_at)
      SELECT ${id('evt')}, ${app.id}, 'sandbox', 'payment.succeeded', '{"object":{}}', NULL, created_at,
        created_at FROM journals WHERE request_id = ${batch}`);
    await db.run(sql`
      INSERT INTO audit_log (id, actor_type, actor_id, action, target_type, target_id, app_id, request_id,
        details, created_at)
      SELECT ${id('aud')}, 'app', ${app.id}, 'payment.create', 'payment', reference_id, ${app.id}, NULL,
        NULL, created_at FROM journals WHERE request_id = ${batch}`);
  }
  await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
}
