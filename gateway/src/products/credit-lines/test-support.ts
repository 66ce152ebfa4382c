import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../db/client';
import { creditLines } from '../../db/schema';
import type { DpopKey } from '../../oauth/dpop-testing';
import type { FormBrowser } from '../../testing/form-browser';
import type { TestGateway } from '../../testing/harness';
import { creditLineProblems } from '../../testing/ledger';
import { apiAs, type CustomerAccess, tokenRequest } from '../../testing/oauth';
import {
  customerToken,
  newWorld,
  REDIRECT,
  startHostedCheckout,
  usd,
  type World,
} from '../loans/test-support';
import type { CreditLine } from './service/internal/objects';

/** Test helpers (Node only): a customer's open credit line with a consented DPoP-bound token. */

export interface LineOptions {
  /** The app's world; a fresh one (its own sandbox, its own app) when absent. */
  world?: World;
  /** The consent's max_draw_amount, minor units (default 500.00). */
  maxDraw?: number;
  instantBoost?: boolean;
  autopay?: 'minimum' | 'full';
  /** `pages`: PAR and the consent pages, as a customer would; `shortcut`: the sandbox shortcut. */
  via?: 'pages' | 'shortcut';
  /** The DPoP key of the device (e.g. the shared device of `gus`). */
  key?: DpopKey;
  /** Scopes beside credit_lines:write (default credit_lines:read). */
  scope?: string;
}

export interface TestLine {
  world: World;
  access: CustomerAccess;
  line: CreditLine;
  /** Through the pages: the customer's browser, still signed in at the bank (e.g. /account/consents). */
  browser?: FormBrowser;
}

export const lineDetail = (opts: Pick<LineOptions, 'maxDraw' | 'instantBoost' | 'autopay'> = {}) => ({
  type: 'credit_line',
  max_draw_amount: usd(opts.maxDraw ?? 50_000),
  instant_boost: opts.instantBoost ?? false,
  ...(opts.autopay ? { autopay: opts.autopay } : {}),
});

/** The line opened under a consent (exactly one). */
export async function lineOfConsent(db: Database, consentId: string): Promise<CreditLine> {
  const [line, ...more] = await db.select().from(creditLines).where(eq(creditLines.consentId, consentId));
  if (!line || more.length > 0)
    throw new Error(`consent ${consentId} has ${more.length + (line ? 1 : 0)} lines`);
  return line;
}

/**
 * Opens a line for `customer` (a sandbox login: ava, ben, …) and returns a token under its
 * consent. Through the pages the customer ticks the agreement, keeps or turns off the boost as
 * asked, and picks autopay; the shortcut approves with the request's own choices.
 */
export async function openTestLine(
  gw: TestGateway,
  customer: string,
  opts: LineOptions = {},
): Promise<TestLine> {
  const world = opts.world ?? (await newWorld(gw, 'Ride Co'));
  const details = [lineDetail(opts)];
  const scope = opts.scope ?? 'credit_lines:read';
  if (opts.via === 'shortcut') {
    const access = await customerToken(gw, {
      app: world.app,
      customer,
      details,
      scope,
      ...(opts.key ? { key: opts.key } : {}),
    });
    return { world, access, line: await lineOfConsent(gw.services.db, access.consentId) };
  }
  const started = await startHostedCheckout(gw, world, customer, details, opts.key, scope);
  expect(started.page.status, started.page.html).toBe(200);
  const form: Record<string, string> = {
    decision: 'approve',
    agree: 'yes',
    autopay: opts.autopay ?? 'minimum',
  };
  if (opts.instantBoost) form.instant_boost = 'yes';
  const decided = await started.browser.submit(started.page.html, form);
  expect(decided.status, decided.html).toBe(303);
  const code = new URL(decided.location!).searchParams.get('code');
  if (!code) throw new Error(`no code: ${decided.location}`);
  const tokens = await tokenRequest(
    gw,
    world.app,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: started.verifier },
    started.key,
  );
  expect(tokens.status, tokens.text).toBe(200);
  const consentId = tokens.body.consent_id!;
  const access: CustomerAccess = {
    app: world.app,
    key: started.key,
    tokens: tokens.body,
    consentId,
    call: apiAs(gw, tokens.body.access_token, started.key),
  };
  return { world, access, line: await lineOfConsent(gw.services.db, consentId), browser: started.browser };
}

/** The line's invariants (its receivable equals its balance, and the rest); [] when they hold. */
export function lineInvariants(db: Database, lineId: string): Promise<string[]> {
  return creditLineProblems(db, lineId);
}

export async function expectLineOk(gw: TestGateway, lineId: string): Promise<void> {
  expect(await lineInvariants(gw.services.db, lineId)).toEqual([]);
}
