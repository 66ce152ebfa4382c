import { importJWK, type JWK } from 'jose';
import { CLIENT_ASSERTION_ALGS } from './client-assertion';
import { MIN_RSA_MODULUS_BYTES, SECRET_MEMBERS } from './dpop-jwk';

export interface JwkIssue {
  path: (string | number)[];
  message: string;
}

/** RFC 7517/7518 members of a public signing key; anything else is refused, not stored. */
const TEXT_MEMBERS = ['kty', 'use', 'alg', 'kid', 'crv', 'x', 'y', 'n', 'e', 'x5t', 'x5t#S256'];
const LIST_MEMBERS = ['key_ops', 'x5c'];
const MAX_TEXT = 8192;
const MAX_LIST = 10;
/** The alg each key type signs client assertions with; a type missing here cannot authenticate. */
const ALG_OF_KTY: Record<string, string> = { EC: 'ES256', RSA: 'PS256', OKP: 'EdDSA' };

/** For a zod superRefine: the issues, at their paths under the jwks member. */
export async function refineClientJwks(
  jwks: { keys: unknown[] },
  ctx: { addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void },
): Promise<void> {
  for (const issue of await clientJwksIssues(jwks)) ctx.addIssue({ code: 'custom', ...issue });
}

/**
 * The keys a client registers for private_key_jwt (console and RFC 7591): public EC, RSA or OKP
 * signing keys for an algorithm client assertions may use, that WebCrypto imports. Checked
 * member by member before anything stores or serialises the set, so garbage (a member nested
 * thousands deep, a private or symmetric key) is refused with the member's path.
 */
export async function clientJwksIssues(jwks: { keys: unknown[] }): Promise<JwkIssue[]> {
  const issues: JwkIssue[] = [];
  for (const [i, key] of jwks.keys.entries()) {
    const problem = await jwkProblem(key);
    if (problem) issues.push({ path: ['keys', i, ...problem.member], message: problem.message });
  }
  return issues;
}

async function jwkProblem(key: unknown): Promise<{ member: string[]; message: string } | null> {
  const at = (member: string | null, message: string) => ({ member: member ? [member] : [], message });
  if (typeof key !== 'object' || key === null || Array.isArray(key))
    return at(null, 'A JWK must be a JSON object.');
  const jwk = key as Record<string, unknown>;
  if (jwk.kty === 'oct')
    return at('kty', 'Symmetric keys (kty "oct") cannot authenticate a client; register a public key.');
  const secret = SECRET_MEMBERS.filter((m) => Object.hasOwn(jwk, m));
  if (secret.length > 0)
    return at(
      secret[0]!,
      `Private key members (${secret.join(', ')}) must never leave you: register the public key only.`,
    );
  for (const [member, value] of Object.entries(jwk)) {
    if (TEXT_MEMBERS.includes(member)) {
      if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT)
        return at(member, `"${member}" must be a non-empty string of at most ${MAX_TEXT} characters.`);
    } else if (LIST_MEMBERS.includes(member)) {
      const ok = Array.isArray(value) && value.length <= MAX_LIST;
      if (!ok || !value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT))
        return at(member, `"${member}" must be a list of at most ${MAX_LIST} strings.`);
    } else {
      return at(member, `"${member}" is not a member of a public signing JWK.`);
    }
  }
  const kty = jwk.kty as string | undefined;
  const alg = kty ? ALG_OF_KTY[kty] : undefined;
  if (!kty || !alg) return at('kty', `kty must be EC, RSA or OKP, got ${JSON.stringify(kty ?? null)}.`);
  const allowed = CLIENT_ASSERTION_ALGS.join(', ');
  if (jwk.alg !== undefined && jwk.alg !== alg)
    return at(
      'alg',
      `alg ${JSON.stringify(jwk.alg)} is not allowed for a ${kty} key; client assertions use ${allowed}.`,
    );
  if (!CLIENT_ASSERTION_ALGS.includes(alg))
    return at('kty', `${kty} keys sign with ${alg}, which client assertions may not use (${allowed}).`);
  if (jwk.use !== undefined && jwk.use !== 'sig')
    return at('use', 'use must be "sig": these keys verify client assertions.');
  const ops = jwk.key_ops as string[] | undefined;
  if (ops && !(ops.length === 1 && ops[0] === 'verify'))
    return at('key_ops', 'key_ops must be ["verify"]: these keys verify client assertions.');
  if (kty === 'EC' && jwk.crv !== 'P-256') return at('crv', 'EC keys must be on P-256 (ES256).');
  if (kty === 'RSA' && Math.floor((String(jwk.n ?? '').length * 6) / 8) < MIN_RSA_MODULUS_BYTES)
    return at('n', 'RSA keys must be at least 2048 bits.');
  try {
    // Only the defining members: use, key_ops and alg were checked above and must not veto import.
    const { crv, x, y, n, e } = jwk as JWK;
    await importJWK({ kty, crv, x, y, n, e }, alg);
  } catch {
    return at(null, `This is not a valid ${kty} public key (${alg}); check its members.`);
  }
  return null;
}
