import type { Database } from '../../../db/client';
import { listDocumentedProducts } from './internal/documented-products';
import { mergeProducts } from './internal/merged-document';

/**
 * The merged OpenAPI document: the gateway's own (`build`, which runs the merge it is handed
 * before its document-wide passes) with the products published now, tagged by product.
 */
export async function publishedDocument<T>(
  db: Database,
  build: (extend: (doc: object) => void) => T,
): Promise<T> {
  const products = await listDocumentedProducts(db);
  return build((doc) => mergeProducts(doc, products));
}
