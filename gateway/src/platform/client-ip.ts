/**
 * Which address a request comes from, behind proxies that append to X-Forwarded-For. Everything
 * left of what our own proxies wrote was written by the client and proves nothing, so the answer
 * is the right-most address not written about a trusted proxy (RFC 7239 §7.4, the usual
 * "trust N hops" rule).
 */

/** TRUSTED_PROXIES parsed: how many proxies append, or which addresses are proxies. */
export type TrustedProxies = { hops: number } | { ranges: IpRange[] };

export interface IpRange {
  version: 4 | 6;
  base: bigint;
  bits: number;
}

function parseIpv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseIpv6(raw: string): bigint | null {
  // An embedded IPv4 tail (::ffff:192.0.2.1) is the last two groups written in decimal.
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(raw);
  let s = raw;
  if (v4) {
    const n = parseIpv4(v4[2]!);
    if (n === null) return null;
    s = `${v4[1]}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...left, ...Array<string>(missing).fill('0'), ...right];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return all.reduce((n, g) => (n << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

/** An address as (version, number), or null when it is not an IP address. */
export function parseIp(raw: string): { version: 4 | 6; value: bigint } | null {
  const s = raw.trim().replace(/^\[(.*)\](:\d+)?$/, '$1');
  const v4 = parseIpv4(s.replace(/:\d+$/, ''));
  if (v4 !== null) return { version: 4, value: v4 };
  const v6 = parseIpv6(s.replace(/%.*$/, ''));
  if (v6 === null) return null;
  // An IPv4-mapped address is that IPv4 address: proxies and sockets write either form.
  if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

/** `203.0.113.7`, `10.0.0.0/8`, `2001:db8::/32` to a range; null when malformed. */
export function parseRange(raw: string): IpRange | null {
  const [addr, prefix, extra] = raw.trim().split('/');
  if (extra !== undefined || !addr) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const width = ip.version === 4 ? 32 : 128;
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return null;
  const bits = prefix === undefined ? width : Number(prefix);
  if (bits > width) return null;
  const shift = BigInt(width - bits);
  return { version: ip.version, base: (ip.value >> shift) << shift, bits };
}

function inRange(ip: { version: 4 | 6; value: bigint }, range: IpRange): boolean {
  if (ip.version !== range.version) return false;
  const shift = BigInt((range.version === 4 ? 32 : 128) - range.bits);
  return ip.value >> shift === range.base >> shift;
}

export function isTrustedProxy(address: string, trusted: TrustedProxies): boolean {
  if ('hops' in trusted) return false;
  const ip = parseIp(address);
  return ip !== null && trusted.ranges.some((r) => inRange(ip, r));
}

/**
 * The client's address from a comma-separated forwarding header. With a hop count N, the N-th
 * entry from the right (the one the outermost of our N proxies wrote); with a list, the
 * right-most entry that is not one of our proxies. A chain shorter than that yields its
 * left-most entry: every entry in it was then written by a proxy of ours.
 */
export function clientFromForwarded(header: string, trusted: TrustedProxies): string | undefined {
  const entries = header
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  if ('hops' in trusted) return entries[Math.max(0, entries.length - trusted.hops)];
  for (let i = entries.length - 1; i >= 0; i--) {
    if (!isTrustedProxy(entries[i]!, trusted)) return entries[i];
  }
  return entries[0];
}

/** TRUSTED_PROXIES: a hop count (`1`, the default) or a comma-separated list of IPs and CIDRs. */
export function parseTrustedProxies(raw: string): TrustedProxies | string {
  const text = raw.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? { hops } : 'a hop count must be 1 to 10';
  }
  const ranges: IpRange[] = [];
  for (const item of text.split(',')) {
    const range = parseRange(item);
    if (!range) return `"${item.trim()}" is neither an IP address nor a CIDR range`;
    ranges.push(range);
  }
  return { ranges };
}
