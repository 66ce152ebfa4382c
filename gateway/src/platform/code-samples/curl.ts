type Schema = {
  $ref?: string;
  type?: string | string[];
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};
type Parameter = { name: string; in: string; required?: boolean; example?: unknown; schema?: Schema };
export type DocOperation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  'x-codeSamples'?: { lang: string; label: string; source: string }[];
};
export type Components = { schemas?: Record<string, Schema> };

/** An example value of a schema: its own example, else one built from its required members. */
function example(schema: Schema | undefined, components: Components, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  const resolved = schema.$ref ? components.schemas?.[schema.$ref.split('/').pop() ?? ''] : schema;
  if (!resolved) return undefined;
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.enum?.length) return resolved.enum[0];
  const variant = resolved.anyOf?.[0] ?? resolved.oneOf?.[0];
  if (variant) return example(variant, components, depth + 1);
  if (resolved.properties) {
    const out: Record<string, unknown> = {};
    for (const name of resolved.required ?? []) {
      const value = example(resolved.properties[name], components, depth + 1);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }
  if (resolved.items) return [example(resolved.items, components, depth + 1)];
  return undefined;
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

// A curl sample cannot sign a DPoP proof, so it says where one comes from and shows the Bearer
// form that sandbox apps which opted out of DPoP use.
function dpopComment(method: string, url: string, scopes: string[]): string[] {
  return [
    `# ACCESS_TOKEN: an access token${scopes.length ? ` with scope ${scopes.join(' ')}` : ''} (a customer's from the`,
    '# authorization code flow, or the app’s from client_credentials at POST /oauth/token).',
    '# DPOP_PROOF: a DPoP proof JWT (RFC 9449) signed by the key the token is bound to, new for every',
    `# request: htm ${method}, htu ${url}, ath = base64url(SHA-256(ACCESS_TOKEN)), and the DPoP-Nonce`,
    '# of the last answer when one is required. curl cannot sign it: make it with a DPoP library (the',
    '# SDK does it for you). A sandbox app that opted out of DPoP sends',
    '# -H "Authorization: Bearer $ACCESS_TOKEN" and no DPoP header.',
  ];
}

/** The curl sample of an operation, derived from its method, path, headers and body example. */
export function curlSample(
  method: string,
  path: string,
  op: DocOperation,
  serverUrl: string,
  components: Components,
): string {
  const params = op.parameters ?? [];
  const filled = path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const p = params.find((x) => x.in === 'path' && x.name === name);
    return String(p?.example ?? p?.schema?.example ?? `{${name}}`);
  });
  const url = `${serverUrl}${filled}`;
  const verb = method.toUpperCase();
  const comments: string[] = [];
  const flags: string[] = [];
  const schemes = op.security ?? [];
  const oauth = schemes.find((s) => 'oauth2' in s);
  if (oauth) {
    comments.push(...dpopComment(verb, url, oauth.oauth2 ?? []));
    flags.push(`-H "Authorization: DPoP $ACCESS_TOKEN"`, `-H "DPoP: $DPOP_PROOF"`);
  } else if (schemes.some((s) => 'developerToken' in s)) {
    comments.push(
      '# TESSERA_DEVELOPER_TOKEN: a developer token (dat_…) from the console or POST /v1/developer/tokens.',
    );
    flags.push(`-H "Authorization: Bearer $TESSERA_DEVELOPER_TOKEN"`);
  }
  if (params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'))
    flags.push(`-H "Idempotency-Key: $(uuidgen)"`);
  const schema = op.requestBody?.content?.['application/json']?.schema;
  if (schema) {
    flags.push(`-H 'Content-Type: application/json'`);
    flags.push(`-d ${quote(JSON.stringify(example(schema, components) ?? {}))}`);
  }
  const first = verb === 'GET' ? `curl ${quote(url)}` : `curl -X ${verb} ${quote(url)}`;
  return [...comments, [first, ...flags].join(' \\\n  ')].join('\n');
}
