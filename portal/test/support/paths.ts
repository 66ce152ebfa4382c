import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PORTAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILD_DIR = join(PORTAL_DIR, 'build');
export const REPO_DIR = join(PORTAL_DIR, '..');
export const SCREENSHOTS_DIR = join(PORTAL_DIR, 'test-output', 'screenshots');
/** The OpenAPI document the site was built from (OPENAPI_PATH previews another one). */
export const SPEC_PATH = process.env.OPENAPI_PATH ?? join(REPO_DIR, 'openapi', 'openapi.json');
