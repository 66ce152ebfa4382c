import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config';
import { serializeDocumentWithPublished, serializeOpenApiDocument } from '../src/openapi-document';
import { migrateDatabase, openLibsql } from '../src/runtime/node-db';

export const OPENAPI_PATH = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));
/** Never committed: it depends on what a database holds (see .gitignore). */
export const PUBLISHED_PATH = fileURLToPath(new URL('../../openapi/openapi.published.json', import.meta.url));

const USAGE = 'usage: npm run openapi [-- --with-published [<database url>] [--out <file>]]';

// `npm run openapi`: the committed document, from the routes alone. `-- --with-published`: the
// same plus the products published in a database (the configured one by default), written beside
// it for the portal and the SDK to be built from.
const args = process.argv.slice(2);
if (!args.includes('--with-published')) {
  if (args.length) throw new Error(USAGE);
  writeFileSync(OPENAPI_PATH, serializeOpenApiDocument());
  console.log(`wrote ${OPENAPI_PATH}`);
} else {
  const at = args.indexOf('--with-published');
  const next = args[at + 1];
  const url = next && !next.startsWith('--') ? next : undefined;
  const outAt = args.indexOf('--out');
  if (outAt >= 0 && !args[outAt + 1]) throw new Error(USAGE);
  // npm runs workspace scripts in gateway/: paths on the command line are the caller's.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const out = outAt >= 0 ? resolve(cwd, args[outAt + 1]!) : PUBLISHED_PATH;
  const config = parseConfig(url ? { ...process.env, DATABASE_URL: url } : process.env);
  const { db, client } = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  try {
    await migrateDatabase(db);
    writeFileSync(out, await serializeDocumentWithPublished(db));
    console.log(`wrote ${out} (the built-in operations and those published in ${config.DATABASE_URL})`);
  } finally {
    client.close();
  }
}
