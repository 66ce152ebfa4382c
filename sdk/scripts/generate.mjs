/**
 * Generates src/generated/ from openapi/openapi.json: the types (openapi-typescript, exactly as its
 * CLI `openapi-typescript ../openapi/openapi.json -o src/generated/openapi.ts` writes them, under our
 * header) and the operation table the transport needs at run time (which operations take an
 * Idempotency-Key, their scopes and documented error codes). `test/generated.test.ts` calls
 * `generate()` in memory and fails when the files on disk differ.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const sdkDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DOCUMENT_PATH = join(sdkDir, '..', 'openapi', 'openapi.json');
export const GENERATED_DIR = join(sdkDir, 'src', 'generated');

const HEADER = `${COMMENT_HEADER.trimEnd()}
/**
 * GENERATED from openapi/openapi.json by \`npm run sdk:generate\` (sdk/scripts/generate.mjs).
 * Never edit by hand: change the gateway's routes, run \`npm run openapi\`, then \`npm run sdk:generate\`.
 * A test fails when this file is stale against the document.
 */

`;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function resolve(document, value) {
  if (value && typeof value === 'object' && typeof value.$ref === 'string') {
    const path = value.$ref.replace(/^#\//, '').split('/');
    return resolve(
      document,
      path.reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document),
    );
  }
  return value;
}

/** Idempotent per the document: an `Idempotency-Key` header parameter, or `x-idempotent: true`. */
function isIdempotent(document, pathItem, operation) {
  if (operation['x-idempotent'] === true) return true;
  const params = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
    resolve(document, p),
  );
  return params.some((p) => p?.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key');
}

/** Error codes the operation declares in `x-error-codes` (the gateway emits them per operation). */
function errorCodes(operation) {
  return [...(operation['x-error-codes'] ?? [])];
}

function operationTable(document) {
  const operations = {};
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation?.operationId) continue;
      // The OAuth endpoints are the auth module's business (form bodies, RFC 6749 errors), not resources.
      if (operation.tags?.includes('OAuth')) continue;
      operations[operation.operationId] = {
        method,
        path,
        idempotent: isIdempotent(document, pathItem, operation),
        scopes: [...new Set((operation.security ?? []).flatMap((s) => Object.values(s).flat()))],
        errors: errorCodes(operation),
      };
    }
  }
  return operations;
}

function operationsModule(document) {
  const operations = operationTable(document);
  const idempotent = Object.values(operations)
    .filter((o) => o.idempotent)
    .map((o) => `${o.method.toUpperCase()} ${o.path}`);
  const codes = [...new Set(Object.values(operations).flatMap((o) => o.errors))].sort();
  return `${HEADER}/** Every operation of the document: method, path template, scopes and documented problem codes. */
export const operations = ${JSON.stringify(operations, null, 2)} as const;

export type OperationId = keyof typeof operations;

/**
 * "METHOD /path/{template}" of every operation that declares the Idempotency-Key header: the
 * transport sends a key (reused across retries of one call) on exactly these.
 */
export const idempotentOperations: readonly string[] = ${JSON.stringify(idempotent)};

/** Every problem \`code\` an operation of the document documents. */
export type ProblemCode = ${codes.length ? codes.map((c) => `'${c}'`).join(' | ') : 'never'};
`;
}

/** The generated files, by name, for the document text given (default: the one on disk). */
export async function generate(documentText) {
  const text = documentText ?? (await readFile(DOCUMENT_PATH, 'utf8'));
  const document = JSON.parse(text);
  const types = `${HEADER}${astToString(await openapiTS(JSON.parse(text), { silent: true }))}`;
  return { 'openapi.ts': types, 'operations.ts': operationsModule(document) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `-- --document <file>`: another document, e.g. openapi/openapi.published.json with the
  // published products (`npm run openapi -- --with-published`), for an SDK build that types them.
  const at = process.argv.indexOf('--document');
  const documentPath = at > 0 ? process.argv[at + 1] : undefined;
  if (at > 0 && !documentPath) throw new Error('usage: npm run sdk:generate [-- --document <file>]');
  // npm runs workspace scripts in sdk/: the path on the command line is the caller's.
  const text = documentPath
    ? await readFile(resolvePath(process.env.INIT_CWD ?? process.cwd(), documentPath), 'utf8')
    : undefined;
  const files = await generate(text);
  await mkdir(GENERATED_DIR, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(GENERATED_DIR, name), content);
    console.log(`wrote sdk/src/generated/${name}`);
  }
}
