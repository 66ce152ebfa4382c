/**
 * Everything the site generates before `docusaurus gen-api-docs all` and the build: the error
 * pages (from the gateway's ERRORS table), the SDK reference page (from sdk/README.md) and the index
 * of operations <ApiLink> reads (from openapi.json). It also
 * empties docs/api so that an operation removed from openapi.json leaves no stale page.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_TYPE_DESCRIPTIONS } from '../../gateway/src/products/events/event-types.ts';
import { generateErrorPages, SPEC_PATH } from './gen-errors.mts';
import { publishedProducts } from './gen-published-products.mts';
import { addWebhookEvents, type Spec, testEventExamples } from './gen-webhook-events.mts';

const portal = join(dirname(fileURLToPath(import.meta.url)), '..');

function generateSdkReference(): boolean {
  const readme = join(portal, '..', 'sdk', 'README.md');
  const out = join(portal, 'docs', 'sdk', 'reference.md');
  mkdirSync(dirname(out), { recursive: true });
  const header = [
    '---',
    'title: SDK reference',
    'sidebar_label: Reference',
    'slug: /sdk/reference',
    '---',
    '',
  ];
  if (!existsSync(readme)) {
    writeFileSync(
      out,
      [...header, '# SDK reference', '', 'The SDK’s README is not in this checkout yet.', ''].join('\n'),
    );
    return false;
  }
  const body = readFileSync(readme, 'utf8')
    // The page has its own title; the README's first heading names the package.
    .replace(
      /^# .*\n/,
      '# SDK reference: `@tessera/sdk`\n\n_This page is `sdk/README.md`, copied at build time._\n',
    )
    // Links relative to the repository do not exist on the site: keep their text only.
    .replace(/\[([^\]]+)\]\((?!https?:|#|\/)[^)]*\)/g, '$1');
  writeFileSync(out, [...header, body].join('\n'));
  return true;
}

/** operationId → method, path, summary: lets <ApiLink> link only to pages that exist. */
function generateOperationIndex(): number {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string; summary?: string }>>;
  };
  const operations: Record<string, { method: string; path: string; summary: string }> = {};
  for (const [path, ops] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(ops))
      if (op?.operationId)
        operations[op.operationId] = { method: method.toUpperCase(), path, summary: op.summary ?? '' };
  const out = join(portal, 'src', 'generated', 'operations.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(operations, null, 2)}\n`);
  return Object.keys(operations).length;
}

type Parameter = { in?: string; example?: unknown; schema?: { default?: unknown; example?: unknown } };

/**
 * The copy of openapi/openapi.json the API reference is generated from. Two changes: the
 * "Try it" panel prefills a parameter with its default or example and sends a number or boolean
 * prefill as a bare `?limit` (no value), which the gateway rightly refuses; as strings they are
 * sent as `?limit=20`. And a page per webhook event type, with its example payload (see
 * gen-webhook-events.mts). Everything else is the document as is.
 */
function generateReferenceSpec(): number {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec & {
    components?: { parameters?: Record<string, Parameter> };
  };
  const stringify = (p: Parameter) => {
    const scalar = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);
    if (p.example !== undefined) p.example = scalar(p.example);
    if (p.schema?.default !== undefined) p.schema.default = scalar(p.schema.default);
    if (p.schema?.example !== undefined) p.schema.example = scalar(p.schema.example);
  };
  for (const item of Object.values(spec.paths)) {
    for (const [key, value] of Object.entries(item)) {
      const params = key === 'parameters' ? value : (value as { parameters?: unknown }).parameters;
      if (Array.isArray(params)) for (const p of params as Parameter[]) stringify(p);
    }
  }
  for (const p of Object.values(spec.components?.parameters ?? {})) stringify(p);
  const events = addWebhookEvents(spec, EVENT_TYPE_DESCRIPTIONS);
  const out = join(portal, '.openapi', 'openapi.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(spec, null, 2)}\n`);
  // Which document the site was built from: the tests rebuild when it is another one.
  const sha256 = createHash('sha256').update(readFileSync(SPEC_PATH)).digest('hex');
  writeFileSync(join(portal, '.openapi', 'source.json'), `${JSON.stringify({ path: SPEC_PATH, sha256 })}\n`);
  return events;
}

rmSync(join(portal, 'docs', 'api'), { recursive: true, force: true });
const webhookEvents = generateReferenceSpec();
const operations = generateOperationIndex();
const codes = generateErrorPages();
writeFileSync(join(portal, 'src', 'generated', 'error-codes.json'), `${JSON.stringify(codes)}\n`);
// The console's webhook form offers the event types the gateway emits.
writeFileSync(
  join(portal, 'src', 'generated', 'event-types.json'),
  `${JSON.stringify(EVENT_TYPE_DESCRIPTIONS, null, 2)}\n`,
);
// The console's test-event form offers these types and shows the payload each one sends.
writeFileSync(
  join(portal, 'src', 'generated', 'test-events.json'),
  `${JSON.stringify(testEventExamples(JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec), null, 2)}\n`,
);
// The home page's catalogue lists the published products the document carries (one tag each).
writeFileSync(
  join(portal, 'src', 'generated', 'published-products.json'),
  `${JSON.stringify(publishedProducts(JSON.parse(readFileSync(SPEC_PATH, 'utf8'))), null, 2)}\n`,
);
const sdk = generateSdkReference();
console.log(
  `gen: ${operations} operations, ${webhookEvents} webhook event pages, ${codes.length} error pages; SDK reference ${sdk ? 'from sdk/README.md' : 'placeholder'}`,
);
