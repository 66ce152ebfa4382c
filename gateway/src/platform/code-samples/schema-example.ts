export type Schema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};
export type SecurityScheme = { type?: string; scheme?: string; description?: string };
export type Components = {
  schemas?: Record<string, Schema>;
  securitySchemes?: Record<string, SecurityScheme>;
};

export function resolve(schema: Schema | undefined, components: Components): Schema | undefined {
  return schema?.$ref ? components.schemas?.[schema.$ref.split('/').pop() ?? ''] : schema;
}

/** A value the schema itself states (example, default, first enum member), if any. */
export function statedValue(schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  return schema.enum?.[0];
}

/**
 * An example value of a schema: its own example, else one built from its required members. A
 * string the schema gives no value for is a `<name>` placeholder: leaving it out (or null) would
 * show a request the server rejects.
 */
export function example(
  schema: Schema | undefined,
  components: Components,
  name = 'value',
  depth = 0,
): unknown {
  const resolved = depth > 8 ? undefined : resolve(schema, components);
  if (!resolved) return undefined;
  const stated = statedValue(resolved);
  if (stated !== undefined) return stated;
  const variant = resolved.anyOf?.[0] ?? resolved.oneOf?.[0];
  if (variant) return example(variant, components, name, depth + 1);
  if (resolved.properties) {
    const out: Record<string, unknown> = {};
    for (const member of resolved.required ?? []) {
      const value = example(resolved.properties[member], components, member, depth + 1);
      if (value !== undefined) out[member] = value;
    }
    return out;
  }
  if (resolved.items) {
    const item = example(resolved.items, components, name, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (resolved.type === 'string') return `<${name}>`;
  return undefined;
}
