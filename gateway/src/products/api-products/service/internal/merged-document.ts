import { AUTH_PROBLEMS } from '../../../../oauth/resource-server';
import type { ErrorCode } from '../../../../platform/errors';
import { problemResponses } from '../../../../platform/openapi';
import { BODY_LIMIT, codesOf, JSON_BODY, VALIDATED } from '../../../../platform/problems';
import type { ProductDocument } from './document';

type Json = Record<string, unknown>;

/** A published product as the merged OpenAPI document shows it: its stable version's document. */
export interface DocumentedProduct {
  id: string;
  title: string;
  description: string;
  status: 'published' | 'deprecated';
  sunsetAt: Date | null;
  /** The document as the team published it. */
  document: Json;
  /** The same, read by the publishing rules (each operation's scopes). */
  read: ProductDocument;
}

interface Doc {
  paths?: Record<string, Json>;
  tags?: Json[];
  components?: Record<string, Record<string, unknown> | undefined>;
}

const COMPONENT_KINDS = ['schemas', 'parameters', 'responses', 'requestBodies', 'headers', 'examples'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * Adds the published products to the gateway's own document, as partners reach them: each
 * product a tag, its operations under it with the platform's oauth2 scheme and the problems the
 * gateway answers in front of them (the token, the document's validation, 502/504), its
 * components renamed under the product's name so two teams' `Balance` do not meet. A deprecated
 * product's operations are `deprecated: true`, with the sunset in the tag and the descriptions.
 */
export function mergeProducts(input: object, products: readonly DocumentedProduct[]): void {
  const doc = input as Doc;
  doc.paths ??= {};
  doc.tags ??= [];
  doc.components ??= {};
  const operationIds = new Set(
    Object.values(doc.paths).flatMap((item) =>
      METHODS.map((m) => (item[m] as Json | undefined)?.operationId).filter(Boolean),
    ),
  );
  const tagNames = new Set(doc.tags.map((t) => t.name));
  const oauth2 = doc.components.securitySchemes?.oauth2 as
    | { flows: Record<string, { scopes: Record<string, string> }> }
    | undefined;

  for (const product of [...products].sort((a, b) => a.id.localeCompare(b.id))) {
    const tag = tagNames.has(product.title) ? `${product.title} (${product.id})` : product.title;
    tagNames.add(tag);
    const notice =
      product.status === 'deprecated'
        ? `**Deprecated**${product.sunsetAt ? `: retired on ${product.sunsetAt.toISOString().slice(0, 10)}` : ''}. Its answers carry \`Deprecation\` and \`Sunset\`.`
        : null;
    doc.tags.push({
      name: tag,
      description: [notice, product.description].filter(Boolean).join('\n\n'),
      'x-product': product.id,
      ...(notice ? { 'x-deprecated': true } : {}),
    });
    for (const flow of Object.values(oauth2?.flows ?? {})) Object.assign(flow.scopes, product.read.scopes);

    const renamed = renameComponents(doc, product);
    const source = rewriteRefs(structuredClone(product.document), renamed) as {
      paths?: Record<string, Json>;
      components?: Record<string, Record<string, unknown>>;
    };
    for (const [kind, names] of renamed)
      for (const [from, to] of names) {
        doc.components[kind] ??= {};
        doc.components[kind]![to] = source.components?.[kind]?.[from];
      }
    for (const [path, item] of Object.entries(source.paths ?? {})) {
      const merged: Json = {};
      for (const [key, value] of Object.entries(item)) {
        if (!METHODS.includes(key)) {
          merged[key] = value;
          continue;
        }
        const op = read(product, key, path);
        if (!op) continue;
        const operation = value as Json;
        let id = String(operation.operationId);
        if (operationIds.has(id)) id = `${camel(product.id)}${id[0]!.toUpperCase()}${id.slice(1)}`;
        operationIds.add(id);
        merged[key] = {
          ...operation,
          operationId: id,
          tags: [tag],
          summary: operation.summary ?? id,
          ...(notice
            ? {
                deprecated: true,
                description: [notice, operation.description].filter(Boolean).join('\n\n'),
              }
            : {}),
          security: [{ oauth2: op.scopes }],
          responses: withGatewayProblems(
            (operation.responses ?? {}) as Record<string, Json>,
            gatewayProblems(key.toUpperCase(), path),
            notice !== null,
          ),
        };
      }
      doc.paths[path] = merged;
    }
  }
}

function read(product: DocumentedProduct, method: string, path: string) {
  return product.read.operations.find((o) => o.method === method && o.path === path);
}

/** The problems the gateway itself answers on a published operation, before or after the upstream. */
function gatewayProblems(method: string, path: string): ErrorCode[] {
  const op = { method, path, hasBody: false };
  return [
    ...codesOf(BODY_LIMIT, op),
    ...codesOf(JSON_BODY, op),
    ...AUTH_PROBLEMS,
    ...VALIDATED,
    'upstream_error',
    'upstream_timeout',
  ];
}

const DEPRECATION_HEADERS = {
  Deprecation: {
    description: 'RFC 9745: when the product was deprecated, as `@<unix seconds>`.',
    schema: { type: 'string', maxLength: 21, pattern: '^@-?[0-9]+$', example: '@1795867200' },
  },
  Sunset: {
    description: 'RFC 8594: when the product will be retired (an HTTP date).',
    schema: { type: 'string', maxLength: 29, example: 'Wed, 30 Jun 2027 00:00:00 GMT' },
  },
};

function withGatewayProblems(own: Record<string, Json>, codes: ErrorCode[], deprecated: boolean) {
  const responses: Record<string, Json> = {};
  for (const [status, problem] of Object.entries(problemResponses(...codes)))
    responses[status] = {
      ...problem,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  // The team's own answers (a 409 of theirs passes through unchanged) win over the gateway's.
  Object.assign(responses, own);
  if (deprecated)
    for (const [status, response] of Object.entries(responses))
      responses[status] = {
        ...response,
        headers: { ...(response.headers as Json | undefined), ...DEPRECATION_HEADERS },
      };
  return responses;
}

/** kind → (the team's name → the merged document's), unused names only. */
function renameComponents(doc: Doc, product: DocumentedProduct): Map<string, Map<string, string>> {
  const own = (product.document.components ?? {}) as Record<string, Json | undefined>;
  const out = new Map<string, Map<string, string>>();
  const prefix = camel(product.id).replace(/^./, (c) => c.toUpperCase());
  for (const kind of COMPONENT_KINDS) {
    const names = new Map<string, string>();
    const taken = doc.components?.[kind] ?? {};
    for (const name of Object.keys(own[kind] ?? {})) {
      let to = `${prefix}${name}`;
      for (let n = 2; to in taken; n++) to = `${prefix}${name}${n}`;
      names.set(name, to);
    }
    if (names.size) out.set(kind, names);
  }
  return out;
}

function rewriteRefs(node: unknown, renamed: Map<string, Map<string, string>>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, renamed));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    const ref =
      key === '$ref' && typeof value === 'string' ? /^#\/components\/([^/]+)\/(.+)$/.exec(value) : null;
    const to = ref
      ? renamed.get(ref[1]!)?.get(ref[2]!.replaceAll('~1', '/').replaceAll('~0', '~'))
      : undefined;
    out[key] = to ? `#/components/${ref![1]}/${to}` : rewriteRefs(value, renamed);
  }
  return out;
}

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
