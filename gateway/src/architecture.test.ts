import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type Allowance,
  checkArchitecture,
  formatFindings,
  readSources,
  type Source,
} from './testing/architecture';

const check = (files: Record<string, string>) =>
  checkArchitecture(Object.entries(files).map(([path, text]): Source => ({ path, text }))).findings.map(
    (f) => `${f.file}:${f.line} ${f.rule}`,
  );

describe('the dependency rule of ARCHITECTURE.md', () => {
  it('holds for gateway/src', () => {
    const src = fileURLToPath(new URL('.', import.meta.url));
    const { findings, staleAllowances } = checkArchitecture(readSources(src));
    expect(formatFindings(findings)).toBe('');
    // A breach that is gone must leave the list too, so the list never hides a new one.
    expect(staleAllowances).toEqual([]);
  });

  it('platform imports only platform and db (no OAuth module, product or consent rule)', () => {
    expect(
      check({
        'platform/http.ts':
          "import { x } from '../db/client';\nimport { OAuthError } from '../oauth/errors';",
        'platform/money.ts': "import type { Loan } from '../products/loans/index';",
        'platform/audit.ts': "export * from '../consents/status';",
        'env.ts': "import type { OAuthServices } from './oauth/context';",
        'db/client.ts': '',
        'oauth/errors.ts': '',
        'oauth/context.ts': '',
        'products/loans/index.ts': '',
        'consents/status.ts': '',
      }),
    ).toEqual([
      'platform/http.ts:2 platform-imports-only-platform-and-db',
      'platform/money.ts:1 platform-imports-only-platform-and-db',
      'platform/audit.ts:1 platform-imports-only-platform-and-db',
      'env.ts:1 platform-imports-only-platform-and-db',
    ]);
  });

  it('products meet through index.ts only, and oauth reaches no product internals', () => {
    expect(
      check({
        'products/loans/index.ts': '',
        'products/loans/service/collect.ts': 'export function collect() {}',
        'products/sandbox/service/advance.ts':
          "import { collect } from '../../loans';\nimport { c } from '../../loans/service/collect';\nexport const advance = 1;",
        'oauth/endpoints/authorize.tsx': "const page = await import('../../products/loans/service/collect');",
        'runtime/node.ts': "import { collect } from '../products/loans/service/collect';",
      }),
    ).toEqual([
      'products/sandbox/service/advance.ts:2 products-meet-through-index',
      'oauth/endpoints/authorize.tsx:1 products-meet-through-index',
    ]);
  });

  it('nothing imports runtime but runtime itself', () => {
    expect(
      check({
        'runtime/node.ts': "import { db } from './node-db';",
        'runtime/node-db.ts': '',
        'jobs/purge.ts': "import type { Db } from '../runtime/node-db';",
      }),
    ).toEqual(['jobs/purge.ts:1 nothing-imports-runtime']);
  });

  it('db imports only db (the seed lives beside the sandbox it builds)', () => {
    expect(
      check({
        'db/seed/bank.ts':
          "import { schema } from '../schema';\nimport { openAccount } from '../../platform/ledger';",
        'db/schema/index.ts': '',
        'platform/ledger.ts': '',
      }),
    ).toEqual(['db/seed/bank.ts:2 db-imports-only-db']);
  });

  it('has no folder-level import cycles, and names every import of the loop', () => {
    const files = {
      'products/events/index.ts': "import { MAX } from '../webhook-endpoints';",
      'products/webhook-endpoints/index.ts': "import type { X } from '../events';",
    };
    expect(check(files)).toEqual(['products/events/index.ts:1 no-folder-cycles']);
    const [loop] = checkArchitecture(Object.entries(files).map(([path, text]) => ({ path, text }))).findings;
    expect(loop!.message).toBe(
      'folder loop products/events → products/webhook-endpoints → products/events; break one of: products/events/index.ts:1 → products/webhook-endpoints/index.ts, products/webhook-endpoints/index.ts:1 → products/events/index.ts',
    );
  });

  it('judges shipped code only: tests and fixtures wire whole gateways, but shipped code imports none', () => {
    expect(
      check({
        'testing/harness.ts': "import { db } from '../runtime/node-db';",
        'platform/ledger.test.ts': "import { h } from '../testing/harness';",
        'products/loans/loans.test.ts': "import { score } from '../credit-scores/scorecard/scorecard';",
        'products/credit-scores/scorecard/scorecard.ts': '',
        'runtime/node-db.ts': '',
        'platform/clock.ts': "import { h } from '../testing/harness';",
      }),
    ).toEqual(['platform/clock.ts:1 shipped-code-imports-no-test-code']);
  });

  it('an allowance hides exactly its import, and reports itself once that import is gone', () => {
    const files: Source[] = [
      {
        path: 'platform/http.ts',
        text: "import { e } from '../oauth/errors';\nimport { s } from '../oauth/scopes';",
      },
      { path: 'oauth/errors.ts', text: '' },
      { path: 'oauth/scopes.ts', text: '' },
    ];
    const allowed: Allowance = {
      rule: 'platform-imports-only-platform-and-db',
      from: 'platform/http.ts',
      to: 'oauth/errors.ts',
    };
    const gone: Allowance = { ...allowed, to: 'oauth/keys.ts' };
    const { findings, staleAllowances } = checkArchitecture(files, [allowed, gone]);
    expect(findings.map((f) => `${f.file}:${f.line} → ${f.to}`)).toEqual([
      'platform/http.ts:2 → oauth/scopes.ts',
    ]);
    expect(staleAllowances).toEqual([gone]);
  });

  it('writes batch only in service/, platform/commit.ts and db/ (everything else calls commitWrites)', () => {
    expect(
      check({
        'jobs/purge.ts': 'export async function purge(db) {\n  await db.batch([a, b]);\n}',
        'platform/commit.ts': 'await ctx.db.batch(statements);',
        'products/loans/service/collect.ts':
          'export async function collect(deps) {\n  await deps.db.batch(statements);\n}',
        'db/client.ts': 'export const run = (d) => d.batch([]);',
        'products/events/webhooks/deliver.ts': 'const x = 1;\nawait this.db.batch(failed(false));',
        'platform/usage.test.ts': 'await db.batch([x]);',
        'products/loans/service/internal/batcher.ts': 'const batch = [];\nbatch.push(1);',
      }),
    ).toEqual([
      'jobs/purge.ts:2 batches-only-in-service-commit-or-db',
      'products/events/webhooks/deliver.ts:2 batches-only-in-service-commit-or-db',
    ]);
  });

  it('a service/ file exports the verb it is named after; helpers live in service/internal/', () => {
    expect(
      check({
        'products/loans/service/create-loan.ts': 'export async function createLoan() {}',
        'products/loans/service/get-loan.ts': 'export const getLoan = () => 1;',
        'products/loans/service/checkout-page.ts': 'export async function decideForPage() {}',
        'products/loans/service/internal/objects.ts': 'export function loanObject() {}',
        'oauth/service/context.ts': 'export interface OAuthContext {}',
        'oauth/service/revoke-token.ts': 'export async function revokeTokenNow() {}',
      }),
    ).toEqual([
      'products/loans/service/checkout-page.ts:1 service-files-are-verbs',
      'oauth/service/revoke-token.ts:1 service-files-are-verbs',
    ]);
  });
});
