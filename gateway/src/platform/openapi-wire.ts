import { corsPolicyFor } from './cors';

/**
 * Headers the platform middleware puts on responses, declared once under components.headers so
 * every response can point at them. The limits are what the middleware can produce: a few
 * policies of short names, windows of at most a day, one origin.
 */
export const WIRE_HEADERS = {
  'RateLimit-Policy': {
    description: 'The limits that apply (IETF httpapi ratelimit-headers draft), e.g. `"app-rps";q=25;w=1`.',
    schema: {
      type: 'string',
      maxLength: 512,
      pattern: '^"[a-z0-9-]+";q=\\d+;w=\\d+(, "[a-z0-9-]+";q=\\d+;w=\\d+)*$',
    },
  },
  RateLimit: {
    description: 'What remains of each limit and in how many seconds it resets, e.g. `"app-rps";r=24;t=1`.',
    schema: {
      type: 'string',
      maxLength: 512,
      pattern: '^"[a-z0-9-]+";r=\\d+;t=\\d+(, "[a-z0-9-]+";r=\\d+;t=\\d+)*$',
    },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying; the longest rate-limit window is a day.',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400 },
  },
  'WWW-Authenticate': {
    description:
      'The challenge (RFC 6750, RFC 9449): scheme, `error`, `error_description`, and for DPoP the accepted `algs`.',
    schema: { type: 'string', maxLength: 1024, pattern: '^(Bearer|DPoP|Basic)( .*)?$' },
  },
  'DPoP-Nonce': {
    description: 'The nonce to put in the `nonce` claim of the retried DPoP proof (RFC 9449 §9).',
    schema: { type: 'string', maxLength: 128, pattern: '^[0-9a-z]+\\.[A-Za-z0-9_-]+$' },
  },
  Allow: {
    description: 'The methods the path supports.',
    schema: { type: 'string', maxLength: 64, pattern: '^[A-Z]+(, [A-Z]+)*$' },
  },
  'Access-Control-Allow-Origin': {
    description:
      'Present only when the request came from the developer portal’s origin (PORTAL_ORIGIN), the one origin CORS answers; other origins get no Access-Control-* header.',
    schema: { type: 'string', format: 'uri', maxLength: 2048 },
  },
} as const;

export const ref = (name: keyof typeof WIRE_HEADERS) => ({ $ref: `#/components/headers/${name}` });

type Schema = { [key: string]: unknown };
type Response = { headers?: Record<string, unknown> };
type Doc = {
  paths?: Record<string, Record<string, { responses?: Record<string, Response> }>>;
  components?: Record<string, unknown>;
  servers?: Schema[];
};

const INT32 = 2 ** 31;

/** The narrowest format the declared bounds allow; unbounded integers are JS-safe, so int64. */
function declareIntegerFormats(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) declareIntegerFormats(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Schema;
  const type = schema.type;
  const isInteger = type === 'integer' || (Array.isArray(type) && type.includes('integer'));
  if (isInteger && schema.format === undefined) {
    const min = (schema.minimum ?? schema.exclusiveMinimum) as number | undefined;
    const max = (schema.maximum ?? schema.exclusiveMaximum) as number | undefined;
    const fits = min !== undefined && max !== undefined && min >= -INT32 && max < INT32;
    schema.format = fits ? 'int32' : 'int64';
  }
  for (const [key, value] of Object.entries(schema))
    if (key !== 'example' && key !== 'examples') declareIntegerFormats(value);
}

/**
 * Document-wide facts no single route knows: which responses carry the CORS header (the paths
 * cors.ts answers), Retry-After on every 429, integer formats, and the servers' audience.
 */
export function declareWire<T extends object>(input: T): T {
  const doc = input as Doc;
  doc.components = { ...doc.components, headers: { ...WIRE_HEADERS } };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const cors = corsPolicyFor(path) !== null;
    for (const op of Object.values(item)) {
      for (const [status, res] of Object.entries(op?.responses ?? {})) {
        if (status === '429') res.headers = { ...res.headers, 'Retry-After': ref('Retry-After') };
        if (cors)
          res.headers = { ...res.headers, 'Access-Control-Allow-Origin': ref('Access-Control-Allow-Origin') };
      }
    }
  }
  declareIntegerFormats(doc.paths);
  declareIntegerFormats(doc.components);
  for (const server of doc.servers ?? []) server['x-internal'] ??= false;
  return input;
}
