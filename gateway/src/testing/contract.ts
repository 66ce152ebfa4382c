import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * The OpenAPI document as a contract every answer of the test suite is held to: the status is
 * one the operation declares, the body is of a declared content type and valid against its
 * schema (JSON Schema 2020-12, as OpenAPI 3.1 says), and the declared response headers that are
 * present are valid (required ones present). Node-only test code: ajv compiles validators at run
 * time, which workerd forbids; nothing here ships.
 */

type Json = Record<string, unknown>;
interface Operation {
  tags?: string[];
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: Json }>; headers?: Record<string, Json> }
  >;
}
interface Document {
  paths?: Record<string, Record<string, Operation>>;
  components?: Json;
}

const DOC_ID = 'https://tessera.test/openapi.json';
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

export class Contract {
  readonly #ajv: Ajv2020;
  readonly #routes: { template: string; pattern: RegExp; literal: number }[];
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(readonly document: Document) {
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...document, $id: DOC_ID } as Json);
    this.#routes = Object.keys(document.paths ?? {})
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`,
        ),
        // Literal segments win over parameters (/v1/developer/apps/me before /{id}).
        literal: template.split('/').filter((s) => s && !s.startsWith('{')).length,
      }))
      .sort((a, b) => b.literal - a.literal);
  }

  /** The operation a request reached, or null when the document does not describe it. */
  operation(method: string, pathname: string): { template: string; method: string; op: Operation } | null {
    const m = method.toLowerCase();
    if (!METHODS.has(m)) return null;
    for (const r of this.#routes) {
      if (!r.pattern.test(pathname)) continue;
      const op = this.document.paths![r.template]![m];
      // Routes a test mounts for itself (tag Test) are not the product's contract.
      if (op?.tags?.includes('Test')) return null;
      if (op) return { template: r.template, method: m, op };
    }
    return null;
  }

  /** The violations of one answer; none when the document does not describe the request. */
  check(method: string, url: string, res: { status: number; headers: Headers; text: string }): string[] {
    const pathname = new URL(url, 'http://x').pathname;
    const found = this.operation(method, pathname);
    if (!found) return [];
    const where = `${method.toUpperCase()} ${found.template} → ${res.status}`;
    const responses = found.op.responses ?? {};
    const key = [String(res.status), `${String(res.status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key) return [`${where}: status not documented (declared: ${Object.keys(responses).join(', ')})`];
    const declared = responses[key]!;
    const problems: string[] = [];
    for (const [name, declaredHeader] of Object.entries(declared.headers ?? {})) {
      // A header may be a $ref to components.headers (the platform's shared headers).
      const ref = typeof declaredHeader.$ref === 'string' ? declaredHeader.$ref : null;
      const header = ref ? (this.#resolve(ref) ?? {}) : declaredHeader;
      const value = res.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`${where}: required header ${name} missing`);
        continue;
      }
      const schema = (header.schema ?? {}) as Json;
      const typed = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
      const ok = this.#validator(
        ref
          ? `${ref.slice(2)}/schema`
          : pointer('paths', found.template, found.method, 'responses', key, 'headers', name, 'schema'),
      );
      if (!ok(typed)) problems.push(`${where}: header ${name}=${value}: ${this.#ajv.errorsText(ok.errors)}`);
    }
    const content = declared.content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) {
      if (res.text !== '') problems.push(`${where}: a body was sent where none is documented`);
      return problems;
    }
    const type = (res.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!types.includes(type)) {
      problems.push(`${where}: Content-Type ${type || '(none)'} not documented (${types.join(', ')})`);
      return problems;
    }
    if (!content[type]!.schema || !/json/.test(type)) return problems;
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      return [...problems, `${where}: the body is not JSON`];
    }
    const validate = this.#validator(
      pointer('paths', found.template, found.method, 'responses', key, 'content', type, 'schema'),
    );
    if (!validate(body))
      problems.push(`${where}: body ${this.#ajv.errorsText(validate.errors, { separator: '; ' })}`);
    return problems;
  }

  /** The object a local `#/…` reference points at in the document. */
  #resolve(ref: string): Json | undefined {
    let node: unknown = this.document;
    for (const part of ref.slice(2).split('/'))
      node = (node as Record<string, unknown> | undefined)?.[
        part.replaceAll('~1', '/').replaceAll('~0', '~')
      ];
    return node as Json | undefined;
  }

  #validator(path: string): ValidateFunction {
    let v = this.#validators.get(path);
    if (!v) {
      v = this.#ajv.compile({ $ref: `${DOC_ID}#/${path}` });
      this.#validators.set(path, v);
    }
    return v;
  }
}
