import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { apiProductScopes, apiProducts } from '../../../../db/schema';

/** What customers read on the consent page for published products' scopes (retired ones excluded). */
export async function publishedScopeTexts(db: Database, scopes: string[]): Promise<Record<string, string>> {
  const wanted = scopes.filter((s) => s.includes(':'));
  if (wanted.length === 0) return {};
  const rows = await db
    .select({ scope: apiProductScopes.scope, text: apiProductScopes.consentText })
    .from(apiProductScopes)
    .innerJoin(apiProducts, eq(apiProducts.id, apiProductScopes.productId))
    .where(and(inArray(apiProductScopes.scope, wanted), ne(apiProducts.status, 'retired')));
  return Object.fromEntries(rows.map((r) => [r.scope, r.text]));
}
