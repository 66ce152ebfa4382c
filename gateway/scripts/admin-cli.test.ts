import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps, balanceTransactions, journals } from '../src/db/schema';
import { createTestGateway, type TestGateway } from '../src/testing/harness';
import { runAdminCli } from './admin-cli';
import { describeError } from './products-cli';

let gw: TestGateway;
beforeAll(async () => {
  gw = await createTestGateway();
});
afterAll(() => gw.close());

const passwordOf = (secret: string | undefined) => /: ([0-9A-Za-z]{24})\n/.exec(secret ?? '')![1]!;

async function signInAsStaff(email: string, password: string) {
  const res = await gw.client.post<{ developer: { role: string } }>('/v1/developer/signin', {
    email,
    password,
  });
  expect(res.status, res.text).toBe(200);
  expect(res.body.developer.role).toBe('bank_staff');
  const cookie = /(tessera_dev=[^;]*)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  const queue = await gw.client.get('/v1/developer/admin/go-live-requests', { Cookie: cookie });
  expect(queue.status, queue.text).toBe(200);
}

describe('npm run admin (bank staff bootstrap, README "Bank staff")', () => {
  it('staff create makes a bank staff account whose password, shown once, signs in to the admin API; the password is never on stdout', async () => {
    const { out, secret } = await runAdminCli(
      ['staff', 'create', 'Grace@Bank.example', '--name', 'Grace'],
      gw.services,
    );
    const password = passwordOf(secret);
    expect(out).toMatch(/^Bank staff account dev_\w+ created for grace@bank\.example\.$/);
    expect(out).not.toContain(password);
    await signInAsStaff('grace@bank.example', password);
    const again = await runAdminCli(['staff', 'create', 'grace@bank.example'], gw.services).catch(
      describeError,
    );
    expect(again).toBe('grace@bank.example already has an account.');
  });

  it('staff create --print-sql prints SQL that creates the same account where the CLI cannot reach the database (D1)', async () => {
    const { out, secret } = await runAdminCli(
      ['staff', 'create', "o'hara@bank.example", '--print-sql'],
      gw.services,
    );
    const password = passwordOf(secret);
    expect(out).not.toContain(password);
    expect(out).toMatch(/^INSERT INTO developers .*'o''hara@bank\.example'.*'bank_staff'/);
    for (const statement of out.split('\n')) await gw.services.db.run(sql.raw(statement));
    await signInAsStaff("o'hara@bank.example", password);
  });

  it('staff create without an email prints the usage, and nothing is written', async () => {
    const out = await runAdminCli(['staff', 'create', 'not-an-email'], gw.services).catch(describeError);
    expect(out).toBe('staff create needs an email address');
    expect(await runAdminCli(['nonsense'], gw.services).catch(describeError)).toMatch(
      /^npm run admin -- <command>/,
    );
  });
});

describe('npm run admin -- reconcile (opening balance + Σ net − payouts = closing balance)', () => {
  it('prints the reconciliation and fails (exit code 2) only when the books disagree with the ledger', async () => {
    const clean = await runAdminCli(
      ['reconcile', gw.seed.appId, '--from', '2026-11-22', '--to', '2026-11-22'],
      gw.services,
    );
    expect(JSON.parse(clean.out)).toMatchObject({ object: 'reconciliation', balanced: true, mismatches: [] });
    expect(clean.failed).toBe(false);
    // A balance transaction for a journal that never moved the merchant account.
    const [app] = await gw.services.db.select().from(apps).where(eq(apps.id, gw.seed.appId));
    const [journal] = await gw.services.db.select().from(journals).limit(1);
    const now = gw.clock.now();
    await gw.services.db.insert(balanceTransactions).values({
      id: gw.services.ids.newId('txn'),
      mode: 'sandbox',
      accountId: app!.merchantAccountId,
      appId: app!.id,
      journalId: journal!.id,
      type: 'payment',
      amount: 100,
      fee: 0,
      net: 100,
      currency: 'USD',
      source: 'pay_planted',
      availableAt: now,
      createdAt: now,
    });
    const broken = await runAdminCli(
      ['reconcile', gw.seed.appId, '--from', '2026-11-22', '--to', '2026-11-22'],
      gw.services,
    );
    expect(broken.failed).toBe(true);
    expect(JSON.parse(broken.out).mismatches[0].kind).toBe('balance_transaction_without_journal');
    const usage = await runAdminCli(['reconcile', gw.seed.appId, '--from', '2026-11-22'], gw.services).catch(
      describeError,
    );
    expect(usage).toMatch(/^reconcile needs an app id, --from and --to/);
  });
});
