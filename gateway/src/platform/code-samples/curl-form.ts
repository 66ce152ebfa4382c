import { type Components, resolve, type Schema, statedValue } from './schema-example';

/** The form members of private_key_jwt (RFC 7523): the client's authentication, not the request's. */
const CLIENT_AUTH_FIELDS = ['client_id', 'client_assertion_type', 'client_assertion'];

/** A comment of any length as `# ` lines of at most 100 characters, so the sample reads unscrolled. */
export function comment(text: string, indent = ''): string[] {
  const lines: string[] = [];
  const first = `#${indent}`;
  let line = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length + word.length + 1 > 100 && line !== first) {
      lines.push(line);
      line = `${first}  `;
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
/** clientAssertion, client_assertion → CLIENT_ASSERTION. */
export const shellVariable = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

/**
 * One `--data-urlencode` line per parameter, so curl encodes each value (spaces in scope, the JSON
 * of authorization_details). A value the schema does not state is a shell variable, explained.
 */
function field(name: string, schema: Schema | undefined, comments: string[]): string {
  const value = statedValue(schema);
  if (value !== undefined) return `--data-urlencode ${quote(`${name}=${String(value)}`)}`;
  const v = shellVariable(name);
  if (schema?.description && !CLIENT_AUTH_FIELDS.includes(name))
    comments.push(...comment(`${v}: ${schema.description}`));
  return `--data-urlencode "${name}=$${v}"`;
}

const CLIENT_AUTH_COMMENT = [
  '# Client authentication, private_key_jwt (live apps): CLIENT_ASSERTION is a JWT the app signs',
  '# with a key registered in its JWKS (ES256 or PS256): iss and sub the client_id, aud the issuer,',
  '# a new jti, exp at most 300 s after iat, new for every request (the SDK makes it for you).',
  '# A sandbox app registered with client_secret_basic sends -u "$CLIENT_ID:$CLIENT_SECRET" instead',
  '# of the client_id, client_assertion_type and client_assertion lines.',
];

/**
 * The curl lines of an application/x-www-form-urlencoded body: its required parameters and those
 * with an example, the client's authentication last, and the other parameters named in a comment.
 */
export function formBody(
  form: Schema,
  components: Components,
): { comments: string[]; flags: string[]; clientAuth: boolean } {
  const schema = resolve(form, components) ?? {};
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const comments: string[] = [];
  const flags: string[] = [];
  const other: string[] = [];
  for (const [name, prop] of Object.entries(properties)) {
    if (CLIENT_AUTH_FIELDS.includes(name)) continue;
    if (required.has(name) || prop.example !== undefined) flags.push(field(name, prop, comments));
    else other.push(...comment(`${name}${prop.description ? `: ${prop.description}` : ''}`, '  '));
  }
  const clientAuth = 'client_assertion' in properties;
  if (other.length) comments.push('# Optional parameters:', ...other);
  if (clientAuth) {
    comments.push(...CLIENT_AUTH_COMMENT);
    for (const name of CLIENT_AUTH_FIELDS)
      if (properties[name]) flags.push(field(name, properties[name], comments));
  }
  return { comments, flags, clientAuth };
}

/** A proof for the authorization server: no access token (so no ath), and its nonce once asked. */
export function authorizationServerDpopComment(url: string): string[] {
  return comment(
    `DPOP_PROOF: a DPoP proof JWT (RFC 9449), new for every request, signed by the key the code and tokens are bound to: htm POST, htu ${url}, and the DPoP-Nonce of the last answer once the server asks for one (use_dpop_nonce). curl cannot sign it: make it with a DPoP library (the SDK does it for you). A sandbox app that opted out of DPoP leaves it out.`,
  );
}
