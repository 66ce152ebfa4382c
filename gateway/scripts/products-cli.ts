import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { apiProductScopes, apps, developers } from '../src/db/schema';
import type { ServiceContext, Services } from '../src/platform/context';
import { ApiError } from '../src/platform/errors';
import { deprecateProduct } from '../src/products/api-products/service/deprecate-product';
import { routeTableOf } from '../src/products/api-products/service/internal/route-table';
import { listProducts } from '../src/products/api-products/service/list-products';
import { promoteCanary } from '../src/products/api-products/service/promote-canary';
import { publishProduct } from '../src/products/api-products/service/publish-product';
import { retireProduct } from '../src/products/api-products/service/retire-product';
import { spectralFindings } from './spectral-oas';

export const USAGE = `npm run products -- <command>
  publish <openapi.json> --upstream <url> [--canary] [--share <percent>] [--timeout-ms <ms>] [--draft] [--as <email>]
  list
  deprecate <product> --sunset <RFC 3339 time> [--as <email>]
  retire <product> [--as <email>]
  promote <product> [--as <email>]
  team <email> <team>        make a developer account a member of a product team
  grant <app id> <product>   give an app the product's scopes (until console subscriptions cover published products)`;

/**
 * The product teams' CLI, over the configured database: the same service verbs (and rules) as
 * the admin API, acting as a product-team member (--as, or the only member there is).
 */
export async function runProductsCli(argv: string[], services: Services, cwd: string): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      upstream: { type: 'string' },
      canary: { type: 'boolean' },
      share: { type: 'string' },
      'timeout-ms': { type: 'string' },
      draft: { type: 'boolean' },
      sunset: { type: 'string' },
      as: { type: 'string' },
    },
  });
  const [command, arg, extra] = positionals;
  const ctx: ServiceContext = {
    db: services.db,
    clock: services.clock,
    ids: services.ids,
    logger: services.logger,
    requestId: `cli-${services.ids.newId('req').slice(4)}`,
    mode: 'sandbox',
    app: null,
    customer: null,
    consent: null,
    idempotency: null,
  };
  const table = routeTableOf(services);
  const show = (v: unknown) => JSON.stringify(v, null, 2);
  switch (command) {
    case 'list': {
      const members = await services.db
        .select({ id: developers.id })
        .from(developers)
        .where(eq(developers.role, 'product_team'))
        .limit(1);
      if (!members[0]) return 'No product team members yet: nothing is published.';
      const list = await listProducts({ ctx, developer: members[0], table });
      return (
        list.data
          .map(
            (p) =>
              `${p.id}\t${p.status}\t${p.owner_team}\t${p.stable_version?.version ?? '-'}\t${p.canary_version ? `canary ${p.canary_version.version} at ${p.canary_share}%` : ''}`,
          )
          .join('\n') || 'No products.'
      );
    }
    case 'publish': {
      if (!arg || !values.upstream) throw new UsageError('publish needs a document and --upstream');
      const path = resolve(cwd, arg);
      const text = readFileSync(path, 'utf8');
      const findings = await spectralFindings(text, path);
      const errors = findings.filter((f) => f.severity === 'error');
      const warnings = findings.filter((f) => f.severity === 'warning');
      if (errors.length)
        throw new UsageError(
          `Spectral (oas) found errors:\n${errors.map((f) => `  ${f.where}: ${f.message}`).join('\n')}`,
        );
      const developer = await actor(services, values.as);
      const product = await publishProduct({
        ctx,
        developer,
        table,
        allowLoopback: services.config.UPSTREAM_ALLOW_LOOPBACK,
        input: {
          document: JSON.parse(text) as Record<string, unknown>,
          upstream_url: values.upstream,
          canary: values.canary,
          canary_share: values.share ? Number(values.share) : undefined,
          timeout_ms: values['timeout-ms'] ? Number(values['timeout-ms']) : undefined,
          draft: values.draft,
        },
      });
      const notes = warnings.length
        ? `\n${warnings.length} Spectral warning(s):\n${warnings.map((f) => `  ${f.where}: ${f.message}`).join('\n')}`
        : '';
      return `${show(product)}${notes}`;
    }
    case 'deprecate':
      if (!arg || !values.sunset) throw new UsageError('deprecate needs a product and --sunset');
      return show(
        await deprecateProduct({
          ctx,
          developer: await actor(services, values.as),
          table,
          input: { id: arg, sunset_at: values.sunset },
        }),
      );
    case 'retire':
      if (!arg) throw new UsageError('retire needs a product');
      return show(
        await retireProduct({ ctx, developer: await actor(services, values.as), table, input: { id: arg } }),
      );
    case 'promote':
      if (!arg) throw new UsageError('promote needs a product');
      return show(
        await promoteCanary({ ctx, developer: await actor(services, values.as), table, input: { id: arg } }),
      );
    case 'team': {
      if (!arg || !extra || !/^[a-z][a-z0-9-]{1,59}$/.test(extra))
        throw new UsageError('team needs an email and a team name (a-z, 0-9, -)');
      const done = await services.db
        .update(developers)
        .set({ role: 'product_team', team: extra })
        .where(eq(developers.email, arg.toLowerCase()))
        .returning({ id: developers.id });
      if (!done[0]) throw new UsageError(`No developer account ${arg}: sign up in the portal first.`);
      return `${arg} is a member of the ${extra} product team.`;
    }
    case 'grant': {
      if (!arg || !extra) throw new UsageError('grant needs an app id and a product');
      const scopes = await services.db
        .select({ scope: apiProductScopes.scope })
        .from(apiProductScopes)
        .where(eq(apiProductScopes.productId, extra));
      const [app] = await services.db.select({ scopes: apps.scopes }).from(apps).where(eq(apps.id, arg));
      if (!scopes.length || !app) throw new UsageError(`No app ${arg} or no product ${extra}.`);
      const all = [...new Set([...app.scopes, ...scopes.map((s) => s.scope)])].sort();
      await services.db.update(apps).set({ scopes: all }).where(eq(apps.id, arg));
      return `${arg} may now ask customers for ${scopes.map((s) => s.scope).join(' ')}.`;
    }
    default:
      throw new UsageError(USAGE);
  }
}

export class UsageError extends Error {}

async function actor(services: Services, email: string | undefined): Promise<{ id: string }> {
  const members = await services.db
    .select({ id: developers.id, email: developers.email })
    .from(developers)
    .where(eq(developers.role, 'product_team'));
  const found = email ? members.filter((m) => m.email === email.toLowerCase()) : members;
  if (found.length === 1) return found[0]!;
  throw new UsageError(
    email
      ? `${email} is not a product team member: npm run products -- team ${email} <team>`
      : 'Say who publishes: --as <email> of a product team member.',
  );
}

/** An ApiError as the CLI prints it: the code, the detail and each field error. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError)
    return [`${err.code}: ${err.detail}`, ...(err.errors ?? []).map((e) => `  ${e.path}: ${e.message}`)].join(
      '\n',
    );
  return err instanceof Error ? err.message : String(err);
}
