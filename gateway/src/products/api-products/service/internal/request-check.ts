import { Validator } from '@cfworker/json-schema';
import type { FieldError } from '../../../../platform/errors';
import type { Operation, Parameter } from './document';

/** A request as the gateway received it, before anything is forwarded. */
export interface IncomingRequest {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  /** The parsed JSON body, or undefined when none was sent. */
  body: unknown;
}

/** Keywords whose errors only repeat those of the subschemas beneath them: the leaves are kept. */
const REPEATS = new Set(['properties', 'items', 'prefixItems', 'allOf', '$ref', 'false']);

interface CheckedParameter extends Parameter {
  validator: Validator;
}

/**
 * An operation's request rules, compiled once per route-table load: @cfworker/json-schema
 * interprets schemas (no code generation at run time, so it runs in workerd). Path, query and
 * header values are strings on the wire; they are read as the schema's type before checking.
 */
export class RequestCheck {
  readonly #parameters: CheckedParameter[];
  readonly #body: { required: boolean; validator: Validator } | null;

  constructor(readonly operation: Operation) {
    this.#parameters = operation.parameters.map((p) => ({
      ...p,
      validator: new Validator(p.schema, '2020-12', false),
    }));
    this.#body = operation.body
      ? {
          required: operation.body.required,
          validator: new Validator(operation.body.schema, '2020-12', false),
        }
      : null;
  }

  /** Declared header parameters present on the request: the only client headers forwarded. */
  forwardedHeaders(headers: Headers): [string, string][] {
    const out: [string, string][] = [];
    for (const p of this.#parameters) {
      const v = p.in === 'header' ? headers.get(p.name) : null;
      if (v !== null) out.push([p.name, v]);
    }
    return out;
  }

  /** Every way the request breaks the document; none when it may go upstream. */
  check(req: IncomingRequest): FieldError[] {
    const errors: FieldError[] = [];
    const known = new Set(this.#parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(req.query.keys()))
      if (!known.has(name))
        errors.push({ path: name, message: 'is not a query parameter of this operation' });
    for (const p of this.#parameters) {
      const raw =
        p.in === 'path'
          ? [req.pathParams[p.name]!]
          : p.in === 'query'
            ? req.query.getAll(p.name)
            : (req.headers
                .get(p.name)
                ?.split(',')
                .map((s) => s.trim()) ?? []);
      if (raw.length === 0) {
        if (p.required) errors.push({ path: p.name, message: `is required (${p.in})` });
        continue;
      }
      const value = readAs(p.schema, raw);
      for (const e of p.validator.validate(value).errors.slice(0, 5))
        if (!REPEATS.has(e.keyword))
          errors.push({ path: `${p.name}${pointerPath(e.instanceLocation)}`, message: e.error });
    }
    if (!this.#body) {
      if (req.body !== undefined) errors.push({ path: '(body)', message: 'this operation takes no body' });
    } else if (req.body === undefined) {
      if (this.#body.required) errors.push({ path: '(body)', message: 'a JSON body is required' });
    } else {
      for (const e of this.#body.validator.validate(req.body).errors) {
        // Parent keywords repeat their children's errors: keep the leaves a person can act on.
        if (REPEATS.has(e.keyword)) continue;
        errors.push({
          path: pointerPath(e.instanceLocation).replace(/^\./, '') || '(body)',
          message: e.error,
        });
      }
    }
    return errors.slice(0, 50);
  }
}

/** Wire strings as the schema's type: numbers and booleans when they spell one, arrays for lists. */
function readAs(schema: Record<string, unknown>, raw: string[]): unknown {
  if (typesOf(schema).includes('array')) {
    const items = (schema.items ?? {}) as Record<string, unknown>;
    return raw.flatMap((r) => r.split(',')).map((r) => scalar(items, r));
  }
  return scalar(schema, raw[raw.length - 1]!);
}

function scalar(schema: Record<string, unknown>, raw: string): unknown {
  const types = typesOf(schema);
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw))
    return Number(raw);
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function typesOf(schema: Record<string, unknown>): string[] {
  const t = schema.type;
  return Array.isArray(t) ? t.map(String) : typeof t === 'string' ? [t] : [];
}

/** `#/amount/currency` → `.amount.currency` */
function pointerPath(location: string): string {
  return location
    .replace(/^#/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => `.${s.replaceAll('~1', '/').replaceAll('~0', '~')}`)
    .join('');
}
