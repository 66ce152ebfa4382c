import { Validator } from '@cfworker/json-schema';
import type { FieldError } from '../../../../platform/errors';
import { SCOPES } from '../../../../platform/scopes';
import { RESERVED_SEGMENTS } from './reserved';

type Json = Record<string, unknown>;

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type Method = (typeof METHODS)[number];

/** Headers a document may not declare: the gateway owns them, and never forwards the first ones. */
const OWNED_HEADERS = new Set([
  'authorization',
  'dpop',
  'cookie',
  'set-cookie',
  'host',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-type',
  'accept',
  'tessera-identity',
  'forwarded',
  'x-forwarded-for',
]);

export const PRODUCT_ID = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
const OPERATION_ID = /^[a-z][A-Za-z0-9]{2,99}$/;
const SCOPE_NAME = /^[a-z][a-z0-9_]{0,39}$/;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Json;
}

export interface Operation {
  method: Method;
  /** The OpenAPI path template, e.g. /v1/rewards/customers/{customer}/balance. */
  path: string;
  operationId: string;
  parameters: Parameter[];
  body: { required: boolean; schema: Json } | null;
  scopes: string[];
}

export interface ProductDocument {
  productId: string;
  title: string;
  description: string;
  version: string;
  /** scope → what the customer reads on the consent page */
  scopes: Record<string, string>;
  operations: Operation[];
}

/**
 * The publishing rules (issue 20, DOMAIN.md "Published API products"): an OpenAPI 3.1 document
 * whose every path is under /v1/<product>/, every operation has a unique operationId and a
 * security requirement naming only the product's own scopes (`<product>:<name>`, each with
 * consent text), JSON bodies only, and local `$ref`s that resolve. Runs on every runtime (no
 * Spectral here: the CLI adds Spectral's oas ruleset on Node). Every rule broken is listed.
 */
export function readProductDocument(
  input: unknown,
): { ok: true; value: ProductDocument } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => {
    if (errors.length < 50) errors.push({ path, message });
  };
  if (!isObject(input))
    return { ok: false, errors: [{ path: 'document', message: 'must be an OpenAPI 3.1 object' }] };
  const doc = input;
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi))
    fail('document.openapi', 'must be an OpenAPI 3.1 version, such as 3.1.0');
  const info = isObject(doc.info) ? doc.info : {};
  if (typeof info.title !== 'string' || !info.title.trim()) fail('document.info.title', 'is required');
  if (typeof info.version !== 'string' || !/^[0-9A-Za-z.+-]{1,40}$/.test(info.version))
    fail('document.info.version', 'is required: 1-40 characters such as 1.2.0');
  const paths = isObject(doc.paths) ? doc.paths : {};
  const templates = Object.keys(paths);
  if (templates.length === 0) fail('document.paths', 'must hold at least one operation');
  const productId = /^\/v1\/([^/]+)\//.exec(templates[0] ?? '')?.[1] ?? '';
  if (templates.length && !PRODUCT_ID.test(productId))
    fail(
      `document.paths.${templates[0]}`,
      'must start with /v1/<product>/, the product id in lower case (a-z, 0-9, -)',
    );
  else if (RESERVED_SEGMENTS.includes(productId))
    fail(`document.paths.${templates[0]}`, `/v1/${productId}/ belongs to a built-in product of the gateway`);

  const scopes = declaredScopes(doc, productId, fail);
  const globalSecurity = doc.security;
  const operations: Operation[] = [];
  const seenIds = new Set<string>();
  for (const template of templates) {
    const at = `document.paths.${template}`;
    if (!template.startsWith(`/v1/${productId}/`) || /[?#*]|\/\/|\/\.\.?(\/|$)/.test(template)) {
      fail(at, `must be under /v1/${productId}/ (one product per document, no . or .. segments)`);
      continue;
    }
    const item = resolve(doc, paths[template]);
    if (!isObject(item)) {
      fail(at, 'must be a path item object');
      continue;
    }
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const where = `${at}.${method}`;
      if (!isObject(op)) {
        fail(where, 'must be an operation object');
        continue;
      }
      const id = op.operationId;
      if (typeof id !== 'string' || !OPERATION_ID.test(id))
        fail(`${where}.operationId`, 'is required: camelCase, verb first (getBalance)');
      else if (seenIds.has(id)) fail(`${where}.operationId`, `${id} is used by another operation`);
      else seenIds.add(id);
      const opScopes = securityScopes(
        op.security ?? globalSecurity,
        scopes,
        productId,
        `${where}.security`,
        fail,
      );
      const parameters = readParameters(
        doc,
        template,
        [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])],
        where,
        fail,
      );
      const body = readBody(doc, op.requestBody, `${where}.requestBody`, fail);
      operations.push({
        method,
        path: template,
        operationId: String(id),
        parameters,
        body,
        scopes: opScopes,
      });
    }
  }
  if (templates.length && operations.length === 0) fail('document.paths', 'must hold at least one operation');
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      productId,
      title: String(info.title).trim().slice(0, 100),
      description: typeof info.description === 'string' ? info.description.slice(0, 2000) : '',
      version: String(info.version),
      scopes,
      operations,
    },
  };
}

/** The product's scopes: those of its oauth2 security schemes, each `<product>:<name>` with consent text. */
function declaredScopes(
  doc: Json,
  productId: string,
  fail: (p: string, m: string) => void,
): Record<string, string> {
  const scopes: Record<string, string> = {};
  const schemes =
    isObject(doc.components) && isObject(doc.components.securitySchemes)
      ? doc.components.securitySchemes
      : {};
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = resolve(doc, raw);
    if (!isObject(scheme) || scheme.type !== 'oauth2' || !isObject(scheme.flows)) continue;
    for (const flow of Object.values(scheme.flows)) {
      if (!isObject(flow) || !isObject(flow.scopes)) continue;
      for (const [scope, text] of Object.entries(flow.scopes)) {
        const at = `document.components.securitySchemes.${name}.flows.scopes.${scope}`;
        const [owner, verb] = scope.split(':');
        if (owner !== productId || !verb || !SCOPE_NAME.test(verb) || scope.split(':').length !== 2)
          fail(at, `must be named ${productId}:<name> (the product's own scope)`);
        else if (Object.hasOwn(SCOPES, scope)) fail(at, 'is a built-in scope of the gateway');
        else if (typeof text !== 'string' || text.trim().length < 5 || text.length > 200)
          fail(at, 'needs the text customers read on the consent page (5-200 characters)');
        else scopes[scope] = text.trim();
      }
    }
  }
  if (Object.keys(scopes).length === 0 && productId)
    fail(
      'document.components.securitySchemes',
      `must declare an oauth2 scheme with the product's scopes (${productId}:read…) and their consent text`,
    );
  return scopes;
}

function securityScopes(
  security: unknown,
  declared: Record<string, string>,
  productId: string,
  at: string,
  fail: (p: string, m: string) => void,
): string[] {
  if (!Array.isArray(security) || security.length !== 1 || !isObject(security[0])) {
    fail(
      at,
      "must be one requirement naming the product's scopes (the gateway checks token, DPoP and consent for them)",
    );
    return [];
  }
  const lists = Object.values(security[0]);
  const scopes = lists.flat().filter((s): s is string => typeof s === 'string');
  if (lists.length !== 1 || scopes.length === 0) fail(at, `must name at least one ${productId}:… scope`);
  for (const s of scopes)
    if (!Object.hasOwn(declared, s)) fail(at, `${s} is not a scope this product declares`);
  return [...new Set(scopes)].sort();
}

function readParameters(
  doc: Json,
  template: string,
  list: unknown[],
  at: string,
  fail: (p: string, m: string) => void,
): Parameter[] {
  const found = new Map<string, Parameter>();
  for (const [i, raw] of list.entries()) {
    const p = resolve(doc, raw);
    const where = `${at}.parameters.${i}`;
    if (!isObject(p) || typeof p.name !== 'string' || !['path', 'query', 'header'].includes(String(p.in))) {
      fail(where, 'must name a path, query or header parameter');
      continue;
    }
    const location = p.in as Parameter['in'];
    if (location === 'header' && OWNED_HEADERS.has(p.name.toLowerCase()))
      fail(where, `the gateway owns the ${p.name} header; declare another`);
    const schema = compiledSchema(doc, p.schema ?? {}, `${where}.schema`, fail);
    found.set(`${location}:${location === 'header' ? p.name.toLowerCase() : p.name}`, {
      name: location === 'header' ? p.name.toLowerCase() : p.name,
      in: location,
      required: location === 'path' || p.required === true,
      schema: schema ?? {},
    });
  }
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  for (const n of names) if (!found.has(`path:${n}`)) fail(at, `path parameter ${n} is not declared`);
  for (const p of found.values())
    if (p.in === 'path' && !names.includes(p.name)) fail(at, `path parameter ${p.name} is not in the path`);
  return [...found.values()];
}

function readBody(
  doc: Json,
  raw: unknown,
  at: string,
  fail: (p: string, m: string) => void,
): Operation['body'] {
  if (raw === undefined) return null;
  const body = resolve(doc, raw);
  const content = isObject(body) && isObject(body.content) ? body.content : null;
  const types = content ? Object.keys(content) : [];
  if (!content || types.length !== 1 || types[0] !== 'application/json') {
    fail(at, 'must have exactly one content type, application/json');
    return null;
  }
  const media = content['application/json'];
  const schema = compiledSchema(
    doc,
    isObject(media) ? (media.schema ?? {}) : {},
    `${at}.content.application/json.schema`,
    fail,
  );
  return { required: isObject(body) && body.required === true, schema: schema ?? {} };
}

/** The schema with every local $ref inlined, once known to compile; recursive schemas are refused. */
function compiledSchema(
  doc: Json,
  schema: unknown,
  at: string,
  fail: (p: string, m: string) => void,
): Json | null {
  try {
    const inlined = inline(doc, schema, []);
    if (!isObject(inlined) && typeof inlined !== 'boolean') throw new Error('must be a schema object');
    new Validator(inlined as Json, '2020-12');
    return inlined as Json;
  } catch (err) {
    fail(at, err instanceof Error ? err.message.slice(0, 300) : 'is not a valid JSON Schema');
    return null;
  }
}

function inline(doc: Json, node: unknown, trail: string[]): unknown {
  if (Array.isArray(node)) return node.map((n) => inline(doc, n, trail));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (trail.includes(ref)) throw new Error(`${ref} refers to itself: recursive schemas are not supported`);
    const target = pointer(doc, ref);
    if (target === undefined) throw new Error(`${ref} does not resolve to a part of this document`);
    return inline(doc, target, [...trail, ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(doc, v, trail)]));
}

function resolve(doc: Json, node: unknown): unknown {
  for (let i = 0; i < 8 && isObject(node) && typeof node.$ref === 'string'; i++)
    node = pointer(doc, node.$ref);
  return node;
}

function pointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
