import { inArray } from 'drizzle-orm';
import type { Database } from '../../../../db/client';
import { apiProducts, apiProductVersions } from '../../../../db/schema';
import { readProductDocument } from './document';
import type { DocumentedProduct } from './merged-document';

/**
 * The products partners can call now (published or deprecated), each with its stable version's
 * document: what `GET /openapi.json` and `npm run openapi -- --with-published` add to the
 * gateway's own document. A stored document the rules no longer accept is left out, as the
 * gateway does not serve it either.
 */
export async function listDocumentedProducts(db: Database): Promise<DocumentedProduct[]> {
  const rows = await db
    .select()
    .from(apiProducts)
    .where(inArray(apiProducts.status, ['published', 'deprecated']));
  const ids = rows.map((r) => r.stableVersionId).filter((v): v is string => Boolean(v));
  const versions = ids.length
    ? await db.select().from(apiProductVersions).where(inArray(apiProductVersions.id, ids))
    : [];
  const byId = new Map(versions.map((v) => [v.id, v]));
  return rows.flatMap((r) => {
    const version = r.stableVersionId ? byId.get(r.stableVersionId) : undefined;
    const read = version ? readProductDocument(version.document) : null;
    if (!version || !read?.ok) return [];
    return [
      {
        id: r.id,
        title: r.title,
        description: r.description,
        status: r.status as DocumentedProduct['status'],
        sunsetAt: r.sunsetAt,
        document: version.document as Record<string, unknown>,
        read: read.value,
      },
    ];
  });
}
