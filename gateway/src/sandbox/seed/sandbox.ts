import { and, eq, isNotNull } from 'drizzle-orm';
import { calculateJwkThumbprint } from 'jose';
import type { BatchItem } from '../../db/client';
import { insertRows } from '../../db/insert-rows';
import {
  creditInquiries,
  customerAccounts,
  customers,
  deviceSightings,
  repayments,
  sandboxes,
} from '../../db/schema';
import { bankAccountId, bankAccountStatements } from '../../platform/bank-accounts';
import { commitWrites } from '../../platform/commit';
import type { ServiceContext } from '../../platform/context';
import { addDays, addMonths } from '../../platform/dates';
import { type KnownAccount, openAccount, postJournal } from '../../platform/ledger';
import { hashPassword } from '../../platform/passwords';
import {
  SANDBOX_CUSTOMERS,
  SANDBOX_PASSWORD,
  SANDBOX_SHARED_DEVICE_JWK,
  type SandboxCustomerSpec,
} from './customers';

type SeedCtx = Pick<ServiceContext, 'db' | 'clock' | 'ids' | 'requestId'>;

let passwordHash: Promise<string> | null = null;
/** Every sandbox customer's password is the published "sandbox": hash it once per process. */
function sandboxPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(SANDBOX_PASSWORD);
  return passwordHash;
}

export async function createSandbox(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'ids'>,
  developerId: string,
): Promise<string> {
  const id = ctx.ids.newId('sbx');
  await ctx.db.insert(sandboxes).values({ id, developerId, createdAt: ctx.clock.now() });
  return id;
}

export interface SeededCustomer {
  id: string;
  login: string;
  depositAccountId: string;
}

/**
 * Fills a sandbox with the DOMAIN.md customers: profile, accounts, repayment history, inquiries,
 * device sightings, and deposit balances funded by journals from the bank. One atomic batch,
 * marked done on the sandbox row in the same batch, so seeding twice changes nothing.
 */
export async function seedSandboxCustomers(ctx: SeedCtx, sandboxId: string): Promise<SeededCustomer[]> {
  const [sandbox] = await ctx.db.select().from(sandboxes).where(eq(sandboxes.id, sandboxId));
  if (!sandbox) throw new Error(`no sandbox ${sandboxId}`);
  if (sandbox.seededAt) return listSeededCustomers(ctx, sandboxId);

  const now = ctx.clock.now();
  const bank = bankAccountStatements(ctx, 'sandbox', 'USD');
  const statements: BatchItem[] = [...bank.statements];
  const newAccounts: KnownAccount[] = [...bank.accounts];
  const password = await sandboxPasswordHash();
  const deviceJkt = await calculateJwkThumbprint(SANDBOX_SHARED_DEVICE_JWK);
  const seeded: SeededCustomer[] = [];

  for (const spec of SANDBOX_CUSTOMERS) {
    const customerId = ctx.ids.newId('cus');
    statements.push(
      ctx.db.insert(customers).values({
        id: customerId,
        mode: 'sandbox',
        sandboxId,
        login: spec.login,
        passwordHash: password,
        name: spec.name,
        email: `${spec.login}@sandbox.tessera.dev`,
        homeCountry: spec.homeCountry,
        currency: 'USD',
        monthlyIncome: spec.monthlyIncome,
        monthlyDebtObligations: spec.monthlyDebtObligations,
        creditFrozen: spec.creditFrozen ?? false,
        createdAt: now,
      }),
    );
    const deposit = openAccount(ctx, {
      mode: 'sandbox',
      type: 'customer_deposit',
      currency: 'USD',
      ownerType: 'customer',
      ownerId: customerId,
    });
    statements.push(deposit.statement);
    newAccounts.push(deposit.account);
    statements.push(
      ctx.db.insert(customerAccounts).values({
        id: ctx.ids.newId('cap'),
        customerId,
        kind: 'deposit',
        currency: 'USD',
        ledgerAccountId: deposit.id,
        openedAt: addMonths(now, -Math.max(12, ...spec.accounts.map((a) => a.openedMonthsAgo))),
      }),
    );
    statements.push(...creditHistory(ctx, customerId, spec, now));
    const funding = await postJournal(
      ctx,
      {
        mode: 'sandbox',
        kind: 'sandbox_funding',
        referenceId: deposit.id,
        description: `Opening sandbox balance for ${spec.login}`,
        currency: 'USD',
        lines: [
          { accountId: bankAccountId('bank_funding', 'sandbox', 'USD'), debit: spec.deposit },
          { accountId: deposit.id, credit: spec.deposit },
        ],
      },
      { newAccounts },
    );
    statements.push(...funding.statements);
    if (spec.sharedDevice) statements.push(...sharedDevice(ctx, sandboxId, customerId, deviceJkt, now));
    seeded.push({ id: customerId, login: spec.login, depositAccountId: deposit.id });
  }
  statements.push(ctx.db.update(sandboxes).set({ seededAt: now }).where(eq(sandboxes.id, sandboxId)));
  await commitWrites(ctx.db, statements);
  return seeded;
}

function creditHistory(ctx: SeedCtx, customerId: string, spec: SandboxCustomerSpec, now: Date): BatchItem[] {
  const out: BatchItem[] = [];
  for (const acct of spec.accounts) {
    const accountId = ctx.ids.newId('cap');
    const revolving = acct.kind === 'card' || acct.kind === 'credit_line';
    out.push(
      ctx.db.insert(customerAccounts).values({
        id: accountId,
        customerId,
        kind: acct.kind,
        currency: 'USD',
        creditLimit: revolving ? (acct.limit ?? null) : null,
        currentBalance: revolving ? (acct.balance ?? 0) : null,
        openedAt: addMonths(now, -acct.openedMonthsAgo),
        closedAt: acct.closedMonthsAgo ? addMonths(now, -acct.closedMonthsAgo) : null,
      }),
    );
    const due: { dueAt: Date; paidAt: Date | null }[] = [];
    for (let k = 1; k <= (acct.onTimeMonths ?? 0); k++) {
      const dueAt = addMonths(now, -k);
      due.push({ dueAt, paidAt: addDays(dueAt, -1) });
    }
    for (const e of acct.exceptions ?? []) {
      const dueAt = addDays(now, -e.dueDaysAgo);
      due.push({ dueAt, paidAt: e.paidDaysLate === null ? null : addDays(dueAt, e.paidDaysLate) });
    }
    if (due.length > 0) {
      out.push(
        ...insertRows(
          ctx.db,
          repayments,
          due.map((d) => ({
            id: ctx.ids.newId('rep'),
            customerId,
            customerAccountId: accountId,
            amount: revolving ? 5_000 : 45_000,
            currency: 'USD',
            dueAt: d.dueAt,
            paidAt: d.paidAt,
          })),
        ),
      );
    }
  }
  const inquiries = [
    ...spec.hardInquiriesDaysAgo.map((d) => ({ kind: 'hard' as const, daysAgo: d })),
    ...(spec.softInquiriesDaysAgo ?? []).map((d) => ({ kind: 'soft' as const, daysAgo: d })),
  ];
  if (inquiries.length > 0) {
    out.push(
      ...insertRows(
        ctx.db,
        creditInquiries,
        inquiries.map((q) => ({
          id: ctx.ids.newId('inq'),
          customerId,
          kind: q.kind,
          appId: null,
          requester: q.kind === 'hard' ? 'Northwind Auto Finance' : 'Contoso Card Offers',
          purpose: q.kind === 'hard' ? 'credit_application' : 'prequalification',
          createdAt: addDays(now, -q.daysAgo),
        })),
      ),
    );
  }
  return out;
}

/** Three other people acted from `gus`'s device in the last 30 days: the linked_devices signal. */
function sharedDevice(ctx: SeedCtx, sandboxId: string, gusId: string, jkt: string, now: Date): BatchItem[] {
  const out: BatchItem[] = [
    ctx.db
      .insert(deviceSightings)
      .values({ id: ctx.ids.newId('dvc'), jkt, customerId: gusId, seenAt: addDays(now, -2) }),
  ];
  ['Device holder one', 'Device holder two', 'Device holder three'].forEach((name, i) => {
    const id = ctx.ids.newId('cus');
    out.push(
      ctx.db.insert(customers).values({
        id,
        mode: 'sandbox',
        sandboxId,
        login: null,
        name,
        homeCountry: 'US',
        currency: 'USD',
        monthlyIncome: 200_000,
        monthlyDebtObligations: 50_000,
        createdAt: now,
      }),
      ctx.db
        .insert(deviceSightings)
        .values({ id: ctx.ids.newId('dvc'), jkt, customerId: id, seenAt: addDays(now, -(5 + i * 7)) }),
    );
  });
  return out;
}

async function listSeededCustomers(ctx: SeedCtx, sandboxId: string): Promise<SeededCustomer[]> {
  const rows = await ctx.db
    .select({ id: customers.id, login: customers.login, depositAccountId: customerAccounts.ledgerAccountId })
    .from(customers)
    .innerJoin(
      customerAccounts,
      and(eq(customerAccounts.customerId, customers.id), eq(customerAccounts.kind, 'deposit')),
    )
    .where(and(eq(customers.sandboxId, sandboxId), isNotNull(customers.login)));
  return rows.map((r) => ({ id: r.id, login: r.login!, depositAccountId: r.depositAccountId! }));
}
