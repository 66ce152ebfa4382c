import { authorizationServerDpopComment, comment, formBody, shellVariable } from './curl-form';
import { type Components, example, type Schema } from './schema-example';

export type { Components } from './schema-example';

type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  description?: string;
  schema?: Schema;
};
export type DocOperation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
  'x-codeSamples'?: { lang: string; label: string; source: string }[];
};

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

/** The Authorization header of a Bearer scheme (developer, DCR tokens), and where the token comes from. */
function bearer(op: DocOperation, components: Components): { comments: string[]; flag: string } | null {
  const names = (op.security ?? []).flatMap((s) => Object.keys(s));
  if (names.includes('developerToken'))
    return {
      comments: [
        '# TESSERA_DEVELOPER_TOKEN: a developer token (dat_…) from the console or POST /v1/developer/tokens.',
      ],
      flag: `-H "Authorization: Bearer $TESSERA_DEVELOPER_TOKEN"`,
    };
  const name = names.find((n) => components.securitySchemes?.[n]?.scheme?.toLowerCase() === 'bearer');
  if (!name) return null;
  const v = shellVariable(name);
  const description = components.securitySchemes?.[name]?.description;
  return {
    comments: description ? comment(`${v}: ${description}`) : [],
    flag: `-H "Authorization: Bearer $${v}"`,
  };
}

function fill(path: string, params: Parameter[], serverUrl: string): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const p = params.find((x) => x.in === 'path' && x.name === name);
    return String(p?.example ?? p?.schema?.example ?? `{${name}}`);
  });
  const query = params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => {
      const value = p.example ?? p.schema?.example;
      return `${p.name}=${value === undefined ? `{${p.name}}` : encodeURIComponent(String(value))}`;
    });
  return `${serverUrl}${filled}${query.length ? `?${query.join('&')}` : ''}`;
}

// A page (HTML) is where the customer's browser goes, not something a server calls.
function isBrowserPage(op: DocOperation): boolean {
  return Object.entries(op.responses ?? {}).some(
    ([status, r]) => status.startsWith('2') && r.content !== undefined && 'text/html' in r.content,
  );
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
  const url = fill(path, params, serverUrl);
  if (isBrowserPage(op))
    return [
      '# Not a curl call: open this URL in the customer’s browser (redirect it there); the pages',
      '# there are for the customer, and they end with a redirect to your redirect_uri.',
      ...params
        .filter((p) => p.in === 'query' && p.required && p.description)
        .flatMap((p) => comment(`${p.name}: ${p.description}`)),
      url,
    ].join('\n');
  const verb = method.toUpperCase();
  const comments: string[] = [];
  const flags: string[] = [];
  const oauth = (op.security ?? []).find((s) => 'oauth2' in s);
  const token = oauth ? null : bearer(op, components);
  if (oauth) {
    comments.push(...dpopComment(verb, url, oauth.oauth2 ?? []));
    flags.push(`-H "Authorization: DPoP $ACCESS_TOKEN"`, `-H "DPoP: $DPOP_PROOF"`);
  } else if (token) {
    comments.push(...token.comments);
    flags.push(token.flag);
  } else if (params.some((p) => p.in === 'header' && p.name === 'DPoP')) {
    comments.push(...authorizationServerDpopComment(url));
    flags.push(`-H "DPoP: $DPOP_PROOF"`);
  }
  if (params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'))
    flags.push(`-H "Idempotency-Key: $(uuidgen)"`);
  const content = op.requestBody?.content ?? {};
  const json = content['application/json']?.schema;
  const form = content['application/x-www-form-urlencoded']?.schema;
  if (json) {
    flags.push(`-H 'Content-Type: application/json'`);
    flags.push(`-d ${quote(JSON.stringify(example(json, components) ?? {}))}`);
  } else if (form) {
    // --data-urlencode sends Content-Type: application/x-www-form-urlencoded itself.
    const body = formBody(form, components);
    comments.push(...body.comments);
    flags.push(...body.flags);
  }
  const first = verb === 'GET' ? `curl ${quote(url)}` : `curl -X ${verb} ${quote(url)}`;
  return [...comments, [first, ...flags].join(' \\\n  ')].join('\n');
}
