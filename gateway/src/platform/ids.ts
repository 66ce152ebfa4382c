const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 24 base62 characters carry 142 bits of randomness: enough for IDs that act as bearers. */
const ID_LENGTH = 24;

export const ID_PREFIXES = [
  'acct',
  'app',
  'aud',
  'cus',
  'csn',
  'dev',
  'evt',
  'idk',
  'inq',
  'jrn',
  'ent',
  'pay',
  're',
  'lof',
  'loan',
  'cl',
  'clo',
  'we',
  'req',
  'rep',
  'sbx',
  'cap',
  'dvc',
  'sec',
  'whd',
  'wha',
  'rql',
  'gnt',
  'sub',
  'pql',
  'los',
  'lin',
  'lrp',
  'lrf',
] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

export function randomToken(length = ID_LENGTH): string {
  // Rejection sampling keeps every character uniformly likely (256 is not a multiple of 62).
  const out: string[] = [];
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(Math.min(65_536, (length - out.length) * 2)));
    for (const b of bytes) {
      if (b < 248 && out.length < length) out.push(ALPHABET[b % 62]!);
    }
  }
  return out.join('');
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken()}`;
}

const ID_PATTERN = /^([a-z]+)_[0-9A-Za-z]{8,64}$/;

/** True when `value` looks like an ID of this type; used to reject garbage before a query. */
export function isId(value: string, prefix: IdPrefix): boolean {
  const m = ID_PATTERN.exec(value);
  return m !== null && m[1] === prefix;
}
