import { createApp } from './app';
import { parseConfig } from './config';
import type { Database } from './db/client';
import { systemClock } from './platform/clock';
import { randomIds } from './platform/context';
import { silentLogger } from './platform/logger';
import { openApiDocument } from './platform/openapi';
import { publishedDocument } from './products/api-products';

/**
 * The committed OpenAPI document: generated from the routes with default configuration, so it
 * does not depend on where it is generated. No request is served, so no database is needed.
 */
export function generateOpenApiDocument(extend?: (doc: object) => void) {
  const config = parseConfig({});
  const app = createApp({
    config,
    db: null as unknown as Database,
    clock: systemClock,
    ids: randomIds,
    logger: silentLogger,
  });
  return openApiDocument(app, config.PUBLIC_URL, extend);
}

export function serializeOpenApiDocument(): string {
  return `${JSON.stringify(generateOpenApiDocument(), null, 2)}\n`;
}

/**
 * The same document with the products published in `db` (their stable versions), tagged by
 * product: what a gateway over that database serves at /openapi.json, for the portal and the SDK.
 */
export async function serializeDocumentWithPublished(db: Database): Promise<string> {
  const doc = await publishedDocument(db, (extend) => generateOpenApiDocument(extend));
  return `${JSON.stringify(doc, null, 2)}\n`;
}
