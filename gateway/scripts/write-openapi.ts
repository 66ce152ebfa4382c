import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serializeOpenApiDocument } from '../src/openapi-document';

export const OPENAPI_PATH = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));

writeFileSync(OPENAPI_PATH, serializeOpenApiDocument());
console.log(`wrote ${OPENAPI_PATH}`);
