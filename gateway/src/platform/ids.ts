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
  'cld',
  'drw',
  'drd',
  'clr',
  'stm',
  'clp',
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
  'apv',
  'tid',
  'txn',
  'po',
] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

// CSPRNG bytes drawn 4 KiB at a time: a request makes a dozen IDs, and one getRandomValues call
// per ID cost more than the ID itself. Each byte is used once.
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let used = 0;

function randomByte(): number {
  if (used === pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    used = 0;
  }
  return pool[used++]!;
}

export function randomToken(length = ID_LENGTH): string {
  // Rejection sampling keeps every character uniformly likely (256 is not a multiple of 62).
  let out = '';
  while (out.length < length) {
    const b = randomByte();
    if (b < 248) out += ALPHABET[b % 62]!;
  }
  return out;
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
