import { createApp } from './app';
import { parseConfig } from './config';
import type { Database } from './db/client';
import { systemClock } from './platform/clock';
import { randomIds } from './platform/context';
import { silentLogger } from './platform/logger';
import { openApiDocument } from './platform/openapi';

/**
 * The committed OpenAPI document: generated from the routes with default configuration, so it
 * does not depend on where it is generated. No request is served, so no database is needed.
 */
export function generateOpenApiDocument() {
  const config = parseConfig({});
  const app = createApp({
    config,
    db: null as unknown as Database,
    clock: systemClock,
    ids: randomIds,
    logger: silentLogger,
  });
  return openApiDocument(app, config.PUBLIC_URL);
}

export function serializeOpenApiDocument(): string {
  return `${JSON.stringify(generateOpenApiDocument(), null, 2)}\n`;
}
