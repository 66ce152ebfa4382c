import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { creditLineLimitOffers, creditLineStatements, creditLines, customerAccounts } from '../../db/schema';
import { DAY_MS } from '../../platform/clock';
import { loadSandboxClock } from '../../platform/sandbox-clock';
import { FormBrowser } from '../../testing/form-browser';
import type { TestGateway } from '../../testing/harness';
import type { World } from '../loans/test-support';
import { evaluateLimitOffers } from './service/evaluate-limit-offers';
import type { CreditLine } from './service/internal/objects';
import type { LimitOffer } from './service/internal/offer-objects';

/**
 * Test helpers (Node only) for limit offers. Statements are the statement job's (clcycle); here a
 * statement row is written directly, since an offer reads only its utilization and issue time.
 */

export const PUBLIC_URL = 'http://127.0.0.1:8787';

export async function sandboxNow(gw: TestGateway, world: World): Promise<Date> {
  return (await loadSandboxClock(gw.services.db, world.sandboxId, gw.clock)).now();
}

/** A statement of the line issued now (sandbox time) with this utilization; nothing owed moves. */
export async function issueStatement(
  gw: TestGateway,
  world: World,
  line: CreditLine,
  utilization: number,
  /** How long ago it was issued (two statements of one line cannot end at the same instant). */
  agoMs = 0,
): Promise<string> {
  const now = new Date((await sandboxNow(gw, world)).getTime() - agoMs);
  const id = gw.services.ids.newId('stm');
  const balance = Math.round(line.creditLimit * utilization);
  await gw.services.db.insert(creditLineStatements).values({
    id,
    lineId: line.id,
    periodStart: new Date(now.getTime() - 30 * DAY_MS),
    periodEnd: now,
    issuedAt: now,
    currency: line.currency,
    openingBalance: 0,
    drawsTotal: 0,
    paymentsTotal: 0,
    refundsTotal: 0,
    interest: 0,
    statementBalance: balance,
    minimumPayment: Math.min(balance, 2_500),
    dueAt: new Date(now.getTime() + 25 * DAY_MS),
    status: 'open',
    utilization,
  });
  return id;
}

/** The line at another limit, with its scorecard account in step (the line's invariants hold). */
export async function setLineLimit(
  gw: TestGateway,
  line: CreditLine,
  creditLimit: number,
): Promise<CreditLine> {
  const { db } = gw.services;
  await db.batch([
    db.update(creditLines).set({ creditLimit }).where(eq(creditLines.id, line.id)),
    db.update(customerAccounts).set({ creditLimit }).where(eq(customerAccounts.id, line.customerAccountId)),
  ]);
  return { ...line, creditLimit };
}

/** The job, for this world only. */
export function runOfferJob(gw: TestGateway, world: World) {
  return evaluateLimitOffers({ ...gw.services, publicUrl: PUBLIC_URL, sandboxId: world.sandboxId });
}

export async function offersOf(gw: TestGateway, lineId: string): Promise<LimitOffer[]> {
  const rows = await gw.services.db
    .select()
    .from(creditLineLimitOffers)
    .where(eq(creditLineLimitOffers.lineId, lineId));
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

export async function lineNow(gw: TestGateway, lineId: string): Promise<CreditLine> {
  const [line] = await gw.services.db.select().from(creditLines).where(eq(creditLines.id, lineId));
  return line!;
}

/** The customer opens the offer's link, signs in (password, one-time code) and sees the offer page. */
export async function openOfferPage(gw: TestGateway, acceptUrl: string, login: string) {
  const browser = new FormBrowser((req) => gw.app.fetch(req));
  let page = await browser.open(acceptUrl);
  expect(page.status, page.html).toBe(200);
  page = await browser.submit(page.html, { username: login, password: 'sandbox' });
  page = await browser.submit(page.html, { code: '123456' });
  return { browser, page };
}
